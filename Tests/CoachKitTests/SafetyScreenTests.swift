import Testing

@testable import CoachKit

/// The screen is checked on phrasings of its own here (the labelled sets in Tests/Fixtures are
/// checked through `coach eval`): each kind of risk, wrapped in resistance, quoted, misspelt;
/// and lines that only look like risk.
@Suite struct SafetyScreenTests {
  let screen = SafetyScreen.standard

  static let risk: [String] = [
    "my court-ordered client said he'd rather die than go back",
    "he was hostile and said he'd bring a gun to work",
    "my silent teen finally said she's been thinking about not waking up",
    "she mentioned she wants to kill herself",
    "pt is sucidal",
    "he said everyone would be better off without him",
    "client has been cutting her arms again",
    "she admits to self-harm when she's stressed",
    "\"i'm going to end it all\" he told me before walking out",
    "he says there's no reason to live anymore",
    "told me he's been stockpiling his sleeping pills",
    "she wrote goodbye letters to her kids",
    "he threatened to kill his ex-wife",
    "client said he's going to shoot up the office",
    "the boy says his dad hits him when he's drunk",
    "she disclosed that her stepfather sexually abused her",
    "the toddler is left alone for days",
    "elderly client says her son locks her in her room",
    "she is scared to go home because of her husband",
    "he's hearing voices telling him to hurt people",
    "denies SI but says he doesn't want to be alive anymore",
    "she doesn't see the point in living",
    "gave away all his stuff last week and said goodbye to everyone",
    "mandated client said if he loses custody he'll kill himself",
    "she has bruises on her arms and won't say where they came from",
    "the boy says his stepdad hits him with a belt",
  ]

  static let notRisk: [String] = [
    "no suicidal thoughts, she just won't talk",
    "denies SI, just won't engage",
    "not a danger to anyone, he's just sarcastic",
    "this client is killing me with the silence",
    "i'd kill for a client who does the homework",
    "he keeps cutting me off mid sentence",
    "she shook her head and said nothing",
    "he says nothing will ever work, he's tried every program",
    "we hit a wall in our sessions",
    "she threatened to quit therapy",
    "he pushes back on the treatment plan every time",
    "court ordered for substance abuse treatment and he resents it",
    "she's thinking about ending therapy",
    "how do i bill for a missed session",
    "should i touch her shoulder when she cries",
  ]

  @Test(arguments: risk) func findsRisk(_ line: String) {
    #expect(!screen.screen(line).isEmpty, "no cue in: \(line)")
  }

  @Test(arguments: notRisk) func leavesOtherLinesAlone(_ line: String) {
    #expect(screen.screen(line).isEmpty, "cue in: \(line): \(screen.screen(line))")
  }

  @Test func namesTheConcern() {
    #expect(Set(screen.screen("he threatened to stab his boss").map(\.concern)) == ["harm to others"])
    #expect(Set(screen.screen("she is cutting again").map(\.concern)) == ["self-harm"])
    #expect(Set(screen.screen("she told me she wants to kill herself").map(\.concern)) == ["suicide"])
  }

  @Test func reportsDeniedCuesSoTheMatcherCanSkipThem() {
    let tokens = TextAnalyzer.analyze("denies SI, argues about everything")
    let scan = screen.scan(tokens)
    #expect(scan.cues.isEmpty)
    #expect(scan.denied == [0..<2])
  }

  @Test func readsMisspellingsOfSuicide() {
    for word in ["suicidal", "sucidal", "suicdal", "suicide", "sucide"] {
      #expect(!screen.screen("client is \(word)").isEmpty, "\(word)")
    }
  }
}
