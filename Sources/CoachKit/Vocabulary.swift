/// The words the knowledge uses, for reading a misspelt word as the known word it was meant to
/// be ("shruged" → "shrugged", "clinet" → "client").
struct Vocabulary: Sendable, Equatable {
  /// Known words of five letters or more, sorted by first byte, then length, then bytes, so
  /// the candidates for a word (same first letter, length within two) lie in one run.
  let words: StringTable
  /// Corrections already worked out: the same few misspellings come back line after line.
  /// Shared by copies of the vocabulary; for the English stemmer, which is all that ships.
  private let memo = LazyMemo()

  /// The memo, made when the first correction is looked for: most inputs need none, and a
  /// generic class's metadata costs a start-up that does not use it.
  private final class LazyMemo: @unchecked Sendable {
    private let lock = Lock()
    private var made: Memo<String, (word: String, stem: String)?>?

    var memo: Memo<String, (word: String, stem: String)?> {
      lock.withLock {
        if let made { return made }
        let memo = Memo<String, (word: String, stem: String)?>()
        made = memo
        return memo
      }
    }
  }

  static func == (a: Vocabulary, b: Vocabulary) -> Bool { a.words == b.words }

  /// The vocabulary of a set of surface words; only words of letters, five bytes or more, can
  /// be corrections.
  init(words: some Sequence<String>) {
    let kept = Set(words.filter { $0.utf8.count >= 5 && $0.allSatisfy(\.isLetter) })
    self.words = StringTable(kept.sorted { Self.precedes(Array($0.utf8), Array($1.utf8)) })
  }

  /// A vocabulary read back from a snapshot (already in order).
  init(table: StringTable) {
    self.words = table
  }

  private static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    if a[0] != b[0] { return a[0] < b[0] }
    if a.count != b.count { return a.count < b.count }
    return a.lexicographicallyPrecedes(b)
  }

  /// The known word a misspelt word most likely stands for: one edit away for words of five
  /// letters or more, two for ten or more; nil when none is close, or two are equally close.
  func correction(for word: String, stemmer: Stemmer = .english) -> (word: String, stem: String)? {
    guard word.utf8.count >= 5 else { return nil }
    guard stemmer === Stemmer.english else { return search(for: word, stemmer: stemmer) }
    return memo.memo.value(for: word) { search(for: word, stemmer: stemmer) }
  }

  /// The correction worked out afresh.
  private func search(for word: String, stemmer: Stemmer) -> (word: String, stem: String)? {
    let length = word.utf8.count
    guard length >= 5, let first = word.utf8.first, word.allSatisfy(\.isLetter), words.index(of: word) == nil else { return nil }
    let limit = length >= 10 ? 2 : 1
    let typed = Array(word.utf8)
    // Typists rarely get the first letter wrong; requiring it keeps "hello" from becoming "hell".
    var found: [Int] = []
    var index = firstEntry(atLeast: first, length - limit)
    while index < words.count {
      let candidate = words.withBytes(of: index) { ($0[0], $0.count) }
      guard candidate.0 == first, candidate.1 <= length + limit else { break }
      if words.withBytes(of: index, { EditDistance.within(limit, typed, $0) }) { found.append(index) }
      index += 1
    }
    if found.count > 1 {
      found = found.filter { words.withBytes(of: $0) { EditDistance.within(1, typed, $0) } }
    }
    guard found.count == 1, let fix = found.first else { return nil }
    let fixed = words[fix]
    return (fixed, stemmer.stem(fixed))
  }

  /// The first entry whose first byte and length are at least these (a binary search).
  private func firstEntry(atLeast first: UInt8, _ length: Int) -> Int {
    var low = 0
    var high = words.count
    while low < high {
      let middle = (low + high) / 2
      let entry = words.withBytes(of: middle) { ($0[0], $0.count) }
      if entry.0 < first || (entry.0 == first && entry.1 < length) { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
