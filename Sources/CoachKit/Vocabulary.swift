/// The words the knowledge uses, for reading a misspelt word as the known word it was meant to
/// be ("shruged" → "shrugged", "clinet" → "client").
struct Vocabulary: Sendable {
  /// Known surface words and their stems.
  let words: [String: String]
  /// Known words by first letter and length: a candidate shares the first letter and is
  /// within two letters of the length.
  private let byStart: [Character: [Int: [String]]]

  init(words: [String: String]) {
    self.words = words
    var byStart: [Character: [Int: [String]]] = [:]
    for word in words.keys.sorted() where word.count >= 5 && word.allSatisfy(\.isLetter) {
      byStart[word.first!, default: [:]][word.utf8.count, default: []].append(word)
    }
    self.byStart = byStart
  }

  /// The known word a misspelt word most likely stands for: one edit away for words of five
  /// letters or more, two for ten or more; nil when none is close, or two are equally close.
  func correction(for word: String) -> (word: String, stem: String)? {
    let length = word.utf8.count
    guard length >= 5, words[word] == nil, word.allSatisfy(\.isLetter) else { return nil }
    let limit = length >= 10 ? 2 : 1
    var found: [String] = []
    // Typists rarely get the first letter wrong; requiring it keeps "hello" from becoming "hell".
    guard let first = word.first, let sameStart = byStart[first] else { return nil }
    for candidateLength in (length - limit)...(length + limit) {
      for candidate in sameStart[candidateLength] ?? [] where EditDistance.within(limit, word, candidate) {
        found.append(candidate)
      }
    }
    if found.count > 1 {
      found = found.filter { EditDistance.within(1, word, $0) }
    }
    guard found.count == 1, let fix = found.first, let stem = words[fix] else { return nil }
    return (fix, stem)
  }
}
