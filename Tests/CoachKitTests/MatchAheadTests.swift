import Testing

@testable import CoachKit
import CoachKnowledge

@Suite struct MatchAheadTests {
  static let coach = try! Coach.load()

  @Test func matchesAheadAreTheMatchesOfTheLines() throws {
    let lines = try Evaluation.samples(from: EvaluationTests.fixture("labelled.jsonl"), path: "labelled.jsonl").map(\.text).prefix(120)
    let ahead = MatchAhead(matcher: Self.coach.matcher)
    // Every line twice: a repeated line is matched ahead once for each time it comes.
    ahead.prepare(Array(lines + lines))
    for line in lines + lines {
      #expect(ahead.match(line) == Self.coach.matcher.match(line), "\(line)")
    }
  }

  @Test func aLineNotPreparedIsMatchedNow() {
    let ahead = MatchAhead(matcher: Self.coach.matcher)
    let line = "she just shrugs and says nothing"
    #expect(ahead.match(line) == Self.coach.matcher.match(line))
  }

  @Test func onlyDescriptionsAreHandedAhead() {
    #expect(Consultation.matchedText(of: "  she shrugs\t") == "she shrugs")
    #expect(Consultation.matchedText(of: "/next") == nil)
    #expect(Consultation.matchedText(of: "\"\"\"") == nil)
    #expect(Consultation.matchedText(of: "   ") == nil)
  }

  @Test func aConsultationAnswersTheSameWithMatchesAhead() throws {
    let lines = ["court-ordered, just shrugs and says nothing", "next", "why", "she said \"you don't even have kids\"", "/stage", "what do i say"]
    var plain = Consultation(coach: Self.coach, format: .json)
    var ahead = Consultation(coach: Self.coach, format: .json)
    ahead.matchAhead = MatchAhead(matcher: Self.coach.matcher)
    ahead.matchAhead?.prepare(lines.compactMap(Consultation.matchedText(of:)))
    for line in lines {
      #expect(ahead.handle(line).text == plain.handle(line).text, "\(line)")
    }
  }
}
