import Testing

@testable import CoachKit
import CoachKnowledge

@Suite struct LexiconTests {
  @Test func readsSetsByStemWithCommentsAndWindowsLineEnds() throws {
    let lexicon = try Lexicon(text: "# sets\r\nanger: angry furious\r\n\r\nsilence: silent mute # note\r\n", path: "x.lexicon")
    #expect(lexicon.concepts["furious"] == ["anger"])
    #expect(lexicon.concepts[Stemmer.english.stem("silent")] == ["silence"])
    #expect(lexicon.concepts["note"] == nil)
  }

  @Test func aLineThatIsNotASetIsAnErrorAtItsLine() {
    #expect(throws: CoachError.knowledge(path: "x.lexicon", line: 2, message: "expected 'name: word word ...'")) {
      try Lexicon(text: "anger: angry\nfurious livid\n", path: "x.lexicon")
    }
    #expect(throws: CoachError.knowledge(path: "x.lexicon", line: 1, message: "a concept set needs a name and at least one word")) {
      try Lexicon(text: "anger:\n", path: "x.lexicon")
    }
  }

  @Test func aWordNoExampleUsesCountsThroughItsSet() throws {
    let coach = try Coach.load()
    let livid = try #require(coach.table.lexicon.concepts[Stemmer.english.stem("livid")])
    #expect(livid.contains("anger"))
    #expect(coach.table.intents.allSatisfy { !$0.examples.joined(separator: " ").lowercased().contains("livid") })
    #expect(coach.matcher.match("she was livid with me all session").intent == "hostility")
  }
}
