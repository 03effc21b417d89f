/// Concept sets, ChatScript-style: words that mean much the same thing here, so an input word
/// no example uses ("livid") still counts through its set ("anger").
public struct Lexicon: Sendable, Equatable {
  /// Stem → the names of the sets it belongs to.
  public private(set) var concepts: [String: [String]] = [:]

  /// An empty lexicon.
  public init() {}

  /// A lexicon of sets already read (from a snapshot).
  init(concepts: [String: [String]]) {
    self.concepts = concepts
  }

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
        if !(concepts[stem]?.contains(name) ?? false) { concepts[stem, default: []].append(name) }
      }
    }
  }

  /// This lexicon with another's sets added.
  public func merging(_ other: Lexicon) -> Lexicon {
    var merged = self
    for (stem, names) in other.concepts {
      for name in names where !(merged.concepts[stem]?.contains(name) ?? false) { merged.concepts[stem, default: []].append(name) }
    }
    return merged
  }
}
