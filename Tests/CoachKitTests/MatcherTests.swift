import Testing

@testable import CoachKit
import CoachKnowledge

@Suite struct MatcherTests {
  static let coach = try! Coach.load()

  func intent(_ text: String) -> String { Self.coach.matcher.match(text).intent }

  @Test func silenceMatchesNoResponse() {
    #expect(intent("my court-ordered client just shrugs and says nothing") == "no-response")
  }

  @Test func quotedClientSpeechIsRead() {
    #expect(intent("she said \"you don't even have kids\"") == "discounting")
    #expect(intent("\"this is pointless, nothing is ever going to change\"") == "pessimism")
  }

  @Test func negationKeepsTheWordFromCounting() {
    #expect(intent("she is not angry, just silent") == "no-response")
  }

  @Test func aTypoIsRead() {
    // ("shruged" itself is no longer a typo the matcher must mend: writers typed it in examples.)
    let match = Self.coach.matcher.match("my clinet just shrgged and stared at the flor")
    #expect(match.intent == "no-response")
    #expect(!match.evidence.corrections.isEmpty)
  }

  @Test func safetyWinsOverResistance() {
    let match = Self.coach.matcher.match("my court-ordered client said he'd rather die than go back")
    #expect(match.intent == "safety-risk")
    #expect(match.confidence == 1)
    #expect(!match.evidence.safetyCues.isEmpty)
  }

  @Test func offTopicIsUnknownWithNearestTopics() {
    for line in ["what's the weather like in paris tomorrow", "asdf qwer zxcv", "how do i change my printer toner"] {
      let match = Self.coach.matcher.match(line)
      #expect(match.intent == Match.unknown, "\(line) → \(match.intent)")
      #expect(match.confidence < 0.5)
    }
  }

  @Test func emptyAndPunctuationOnlyInputIsUnknown() {
    #expect(intent("") == Match.unknown)
    #expect(intent("?!...") == Match.unknown)
  }

  @Test func everyIntentIsReachableFromItsOwnExamples() {
    for candidate in Self.coach.table.intents where candidate.kind != .noise {
      let hits = candidate.examples.filter { intent($0) == candidate.id }.count
      #expect(hits * 2 > candidate.examples.count, "\(candidate.id): \(hits) of \(candidate.examples.count)")
    }
  }

  @Test func confidenceAndAlternativesAreBounded() {
    let match = Self.coach.matcher.match("he argues with everything i say and then storms out")
    #expect((0...1).contains(match.confidence))
    #expect(match.alternatives.count <= 3)
    #expect(match.alternatives.allSatisfy { (0...1).contains($0.confidence) && $0.intent != match.intent })
    #expect(!match.alternatives.contains { $0.intent == "out-of-scope" })
  }

  @Test func evidenceNamesTheWords() {
    // A word most intents' examples use ("phone" alone) counts in the centroids only, so a line
    // needs a word of its own for a nearest example.
    let match = Self.coach.matcher.match("he keeps scrolling instagram on his phone during session")
    #expect(match.intent == "inattention")
    #expect(match.evidence.words.contains("phone"))
    #expect(match.evidence.nearestExample != nil)
  }

  @Test func aSignWithASituationGetsItAsBackdrop() {
    let match = Self.coach.matcher.match("court-ordered, just shrugs and says nothing")
    #expect(match.intent == "no-response")
    #expect(match.backdrop == "mandated-client")
  }

  @Test func hugeInputDoesNotTrap() {
    let line = String(repeating: "she won't talk about her drinking ", count: 2000)
    // It answers, and what it answers is what it makes of the line once.
    #expect(intent(line) == intent("she won't talk about her drinking"))
    #expect(intent(line) != Match.unknown && intent(line) != "safety-risk")
  }
}
