/// Concept sets, ChatScript-style: words that mean much the same thing here, so an input word
/// no example uses ("livid") still counts through its set ("anger").
public struct Lexicon: Sendable, Equatable {
  /// Stem → the names of the sets it belongs to.
  public var concepts: [String: [String]] {
    guard let packed else { return sets }
    var concepts: [String: [String]] = [:]
    for stem in 0..<packed.stems.count { concepts[packed.stems[stem]] = packed.names(of: stem) }
    return concepts
  }

  /// The sets as a dictionary, unless they are packed.
  private var sets: [String: [String]] = [:]
  /// A snapshot's sets, read where they lie: a table of stems, and per stem a run of set names.
  private var packed: Packed?

  struct Packed: Sendable, Equatable {
    var stems: StringTable
    var nameEnds: CoachKit.Packed<Int32>
    /// Positions in `names`.
    var nameIndices: CoachKit.Packed<Int32>
    var names: [String]

    func names(of stem: Int) -> [String] {
      nameEnds.run(stem, within: nameIndices.count).compactMap { position in
        let name = Int(nameIndices[position])
        return name >= 0 && name < names.count ? names[name] : nil
      }
    }
  }

  /// An empty lexicon.
  public init() {}

  /// A lexicon of sets already read (from a snapshot).
  init(packed: Packed) {
    self.packed = packed
  }

  /// The names of the sets a stem belongs to.
  func concepts(of stem: String) -> [String] {
    guard let packed else { return sets[stem] ?? [] }
    return packed.stems.index(of: stem).map(packed.names) ?? []
  }

  /// The sets in the layout a snapshot stores.
  var packedForm: Packed {
    let concepts = self.concepts
    let stems = concepts.keys.sorted()
    var names: [String] = []
    var nameEnds: [Int32] = []
    var nameIndices: [Int32] = []
    for stem in stems {
      for name in concepts[stem]! {
        if let known = names.firstIndex(of: name) {
          nameIndices.append(Int32(known))
        } else {
          nameIndices.append(Int32(names.count))
          names.append(name)
        }
      }
      nameEnds.append(Int32(nameIndices.count))
    }
    return Packed(stems: StringTable(stems), nameEnds: CoachKit.Packed(nameEnds), nameIndices: CoachKit.Packed(nameIndices), names: names)
  }

  public static func == (a: Lexicon, b: Lexicon) -> Bool { a.concepts == b.concepts }

  /// Reads `name: word word ...` lines; `#` starts a comment.
  /// - Throws: ``CoachError/knowledge(path:line:message:)`` for a line that is not a set.
  public init(text: String, path: String, stemmer: Stemmer = .english) throws(CoachError) {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    for (index, raw) in lines.enumerated() {
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
      if line.trimmingWhiteSpace().isEmpty { continue }
      guard let colon = line.firstIndex(of: ":") else {
        throw .knowledge(path: path, line: index + 1, message: "expected 'name: word word ...'")
      }
      let name = line[..<colon].trimmingWhiteSpace()
      let words = line[line.index(after: colon)...].split(whereSeparator: \.isWhitespace)
      guard !name.isEmpty, !words.isEmpty else {
        throw .knowledge(path: path, line: index + 1, message: "a concept set needs a name and at least one word")
      }
      for word in words {
        let stem = stemmer.stem(TextAnalyzer.fold(String(word)))
        if !(sets[stem]?.contains(name) ?? false) { sets[stem, default: []].append(name) }
      }
    }
  }

  /// This lexicon with another's sets added.
  public func merging(_ other: Lexicon) -> Lexicon {
    var merged = Lexicon()
    merged.sets = concepts
    for (stem, names) in other.concepts {
      for name in names where !(merged.sets[stem]?.contains(name) ?? false) { merged.sets[stem, default: []].append(name) }
    }
    return merged
  }
}
