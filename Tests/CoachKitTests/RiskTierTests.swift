import Testing

@testable import CoachKit

/// How the screen, the classifier and the matcher together answer a line: the tier, the
/// concerns, the language, and what the JSON says of them.
@Suite struct RiskTierTests {
  static let coach = try! Coach.load()

  func match(_ text: String) -> Match { Self.coach.matcher.match(text) }

  @Test(arguments: [
    "he no longer wants to live",
    "he says he has made up his mind and has sorted out his affairs",
    "the CFO said the analyst who leaked the numbers should think about her family's safety",
    "he wants to kil himself",
    "she has been cuttign herself",
  ])
  func theIssuesMissedLinesAreRisk(_ line: String) {
    #expect(match(line).intent == "safety-risk", "\(line)")
  }

  @Test func aStrongCueIsTierRiskWithItsConcern() {
    let found = match("my court-ordered client said her boyfriend strangled her last night")
    #expect(found.tier == .risk)
    #expect(found.concerns.contains("partner-violence"))
  }

  @Test func aWeakCueInALineTurnedAwayIsPossibleRisk() {
    let found = match("feels like a burden")
    #expect(found.intent == "safety-risk")
    #expect(found.tier == .possible)
  }

  @Test func aDeniedCueLeavesTheResistance() {
    #expect(match("no suicidal thoughts, she just won't talk").intent != "safety-risk")
    #expect(match("denies SI, argues about everything").intent == "arguing")
  }

  @Test func anotherLanguageIsNotReadAsEnglish() {
    let found = match("mi cliente no habla nada, solo mira el piso")
    #expect(found.intent == Match.unknown)
    #expect(found.evidence.notEnglish)
    let text = TextRenderer().render(Reply(input: "x", match: found, table: Self.coach.table, context: ClientContext()))
    #expect(text.hasPrefix("I can only read English"))
  }

  @Test func riskInSpanishIsStillScreened() {
    #expect(match("mi cliente dice que se quiere matar").intent == "safety-risk")
  }

  @Test func theJSONSaysTheTierConcernsAndProtocols() {
    let reply = Self.coach.reply(to: "he said he'd kill himself tonight, he has a gun")
    let json = JSONRenderer.line(reply)
    #expect(json.contains("\"tier\":\"risk\""))
    #expect(json.contains("\"concerns\":[\"suicide\""))
    #expect(json.contains("\"protocols\":[{\"concern\":\"suicide\",\"steps\":[\"Now:"))
    #expect(json.contains("\"risk_probability\":"))
  }

  @Test func everyConcernHasAProtocolAndThereIsAScreen() {
    let safety = Self.coach.table["safety-risk"]!
    for concern in SafetyScreen.concerns {
      #expect((safety.guidance.steps(for: concern)?.count ?? 0) >= 7, "\(concern)")
    }
    #expect(safety.guidance.screenSteps.count >= 4)
  }
}
