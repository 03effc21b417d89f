/// Typos never hide risk: a word the screen does not know is read as well as the screen's words
/// it may be a misspelling of ("kil" → "kill", "cuttign" → "cutting", "hiself" → "himself",
/// "sucidal" → "suicid…"), short words too. Every reading is tried, so a cue is found whichever
/// was meant; a correctly spelt English word ("diet", "gum", "cute") is never read as another.
extension SafetyScreen {
  /// The screen's words and prefixes by first letter, made when the first unknown word is met.
  final class Spelling: @unchecked Sendable {
    private let lock = Lock()
    private var byInitial: [[[UInt8]]]?
    private var prefixesByInitial: [[[UInt8]]] = []
    let memo = Memo<String, [String]>(limit: 20_000)

    /// Candidates of a word of lower-case ASCII letters, worked out afresh.
    func candidates(for word: String, layout: Layout) -> [String] {
      let (words, prefixes) = lock.withLock { () -> ([[UInt8]], [[UInt8]]) in
        if byInitial == nil { build(layout) }
        let initial = Int(word.utf8.first! - 97)
        return (byInitial![initial], prefixesByInitial[initial])
      }
      let typed = Array(word.utf8)
      // One edit for most words, two for long ones; a three-letter word only with a letter
      // dropped ("kil"), since a letter changed in so short a word ("cut" → "cat") is a word.
      let limit = typed.count >= 8 ? 2 : 1
      var found: [String] = []
      for entry in words where abs(entry.count - typed.count) <= limit && (typed.count > 3 || entry.count == 4) && entry.count >= 3 {
        if entry.withUnsafeBufferPointer({ EditDistance.within(limit, typed, $0) }) { found.append(String(decoding: entry, as: UTF8.self)) }
      }
      for prefix in prefixes where typed.count >= prefix.count - 1 {
        let lengths = max(prefix.count - 1, 1)...min(prefix.count + 1, typed.count)
        if lengths.contains(where: { length in prefix.withUnsafeBufferPointer { EditDistance.within(1, Array(typed[0..<length]), $0) } }) {
          found.append(String(decoding: prefix, as: UTF8.self))
        }
      }
      return found
    }

    private func build(_ layout: Layout) {
      var words = [[[UInt8]]](repeating: [], count: 26)
      var prefixes = [[[UInt8]]](repeating: [], count: 26)
      for index in 0..<layout.words.count {
        let bytes = layout.words.withBytes(of: index) { Array($0) }
        if let first = bytes.first, first >= 97, first <= 122 { words[Int(first - 97)].append(bytes) }
      }
      // Prefixes of five letters or more ("suicid", "mutilat"); shorter ones ("hit*") have their
      // whole words in the rules as well.
      for prefix in layout.prefixes where prefix.utf8.count >= 5 {
        let bytes = Array(prefix.utf8)
        if let first = bytes.first, first >= 97, first <= 122 { prefixes[Int(first - 97)].append(bytes) }
      }
      byInitial = words
      prefixesByInitial = prefixes
    }
  }

  /// The screen's words a word it does not know may be a misspelling of; none for a real word.
  func misspellings(of word: String) -> [String] {
    let count = word.utf8.count
    guard count >= 3, count <= Self.realWordWidth, word.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return [] }
    return spelling.memo.value(for: word) { Self.isRealWord(word) ? [] : spelling.candidates(for: word, layout: layout) }
  }

  /// The width of a record of ``realWordRecords``: the longest word a misspelling is looked for.
  static let realWordWidth = 24

  /// Whether a word is an English word that is close to a word of the screen: a binary search
  /// in ``realWordRecords`` (made from a dictionary by `RealWordsTests`), read where it lies.
  static func isRealWord(_ word: String) -> Bool {
    let records = realWordRecords
    let width = realWordWidth
    // A record and its line break (the last has none).
    let count = (records.utf8CodeUnitCount + 1) / (width + 1)
    var word = word
    return word.withUTF8 { typed in
      guard typed.count <= width else { return false }
      let base = records.utf8Start
      // -1, 0 or 1 as the record at `index` sorts before, with or after the word.
      func compare(_ index: Int) -> Int {
        let record = base + index * (width + 1)
        for position in 0..<width {
          let a = record[position] == 32 ? 0 : record[position]
          let b = position < typed.count ? typed[position] : 0
          if a != b { return a < b ? -1 : 1 }
          if a == 0 { return 0 }
        }
        return 0
      }
      var low = 0
      var high = count
      while low < high {
        let middle = (low + high) / 2
        if compare(middle) < 0 { low = middle + 1 } else { high = middle }
      }
      return low < count && compare(low) == 0
    }
  }

  /// The words of ``realWordRecords``, for tests.
  static var realWords: [String] {
    let bytes = UnsafeBufferPointer(start: realWordRecords.utf8Start, count: realWordRecords.utf8CodeUnitCount)
    return stride(from: 0, to: bytes.count, by: realWordWidth + 1).map { start in
      String(decoding: bytes[start..<start + realWordWidth].prefix { $0 != 32 }, as: UTF8.self)
    }
  }

  /// The words of a dictionary that a misspelling search would read as a screen word: what
  /// ``realWords`` must hold.
  public static func closeRealWords(in dictionary: [String], screen: SafetyScreen = .standard) -> [String] {
    var close: Set<String> = []
    for word in dictionary {
      let count = word.utf8.count
      guard count >= 3, count <= realWordWidth, word.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { continue }
      if screen.layout.words.index(of: word) != nil { continue }
      if !screen.spelling.candidates(for: word, layout: screen.layout).isEmpty { close.insert(word) }
    }
    return close.sorted()
  }
}
