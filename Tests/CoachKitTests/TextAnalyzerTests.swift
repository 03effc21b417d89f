import Testing

@testable import CoachKit

@Suite struct TextAnalyzerTests {
  func words(_ text: String) -> [String] { TextAnalyzer.analyze(text).map(\.word) }

  @Test func foldsCaseAccentsAndTypographicQuotes() {
    #expect(TextAnalyzer.fold("Café “Déjà” — ÉCOLE") == "cafe \"deja\" - ecole")
  }

  @Test func expandsContractionsWithAndWithoutApostrophes() {
    #expect(words("she won't talk") == ["she", "will", "not", "talk"])
    #expect(words("he doesnt listen") == ["he", "does", "not", "listen"])
    #expect(words("I'm fine, you're not") == ["i", "am", "fine", "you", "are", "not"])
    #expect(words("can’t") == ["can", "not"])
  }

  @Test func negationReachesTheNextWordsAndStopsAtBut() {
    let tokens = TextAnalyzer.analyze("she is not angry, just silent")
    let angry = tokens.first { $0.word == "angry" }
    let silent = tokens.first { $0.word == "silent" }
    #expect(angry?.negated == true)
    #expect(silent?.negated == false)
    let clause = TextAnalyzer.analyze("he never does the homework but he shows up")
    #expect(clause.first { $0.word == "homework" }?.negated == true)
    #expect(clause.first { $0.word == "shows" }?.negated == false)
  }

  @Test func marksQuotedSpeech() {
    let tokens = TextAnalyzer.analyze("she said \"you don't even have kids\" and left")
    #expect(tokens.first { $0.word == "kids" }?.quoted == true)
    #expect(tokens.first { $0.word == "left" }?.quoted == false)
    let single = TextAnalyzer.analyze("he goes 'i'm fine' every time")
    #expect(single.first { $0.word == "fine" }?.quoted == true)
    #expect(single.first { $0.word == "am" }?.quoted == true)
  }

  @Test func stemsWithSnowball() {
    let stems = TextAnalyzer.analyze("shrugging shrugged shrugs").map(\.stem)
    #expect(Set(stems) == ["shrug"])
  }

  @Test func readsTheFieldsAbbreviations() {
    #expect(words("pt skipped tx") == ["client", "skipped", "therapy"])
  }

  @Test func survivesControlCharactersAndEmptyInput() {
    #expect(words("").isEmpty)
    #expect(words("\u{0}\u{1B}[31mangry\u{7}") == ["31mangry"])
    #expect(words("   \t  ").isEmpty)
  }
}
