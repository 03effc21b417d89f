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
    // Constructs clinicians screen for, said indirectly, with typos, in Spanish.
    "he no longer wants to live",
    "he says he has made up his mind and has sorted out his affairs",
    "the CFO said the analyst who leaked the numbers should think about her family's safety",
    "he wants to kil himself",
    "she has been cuttign herself",
    "pt is hurting hiself again",
    "denies SI but has been giving his tools away to his brothers",
    "he's been putting his affairs in order and wrote a will last week",
    "she says she'd be better off dead",
    "SI/HI neg last month, today said she has the pills counted out at home",
    "mi cliente dice que se quiere matar",
    "she told me her husband put his hands around her neck",
    "grandson takes her pension every month and she is afraid of him",
    "pt nodding off, pinpoint pupils, can't wake him",
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
    // Figures of speech, shorthand denials, resolved history.
    "I'm dying to know why he keeps cancelling",
    "she'd kill for a day off",
    "SI/HI neg, just won't talk about the court order",
    "overdose in 2015, clean and stable since, today he argued every point",
    "the deadline is killing me",
    "he shot down every idea in the workshop",
    "teen said I murdered the vibe and put his hood up",
    "she choked up talking about her mom",
    "he cut himself off from his friends",
    "I could strangle my supervisor for this schedule",
    "what does kill them with kindness mean for a hostile parent",
  ]

  @Test(arguments: risk) func findsRisk(_ line: String) {
    #expect(!screen.screen(line).isEmpty, "no cue in: \(line)")
  }

  @Test(arguments: notRisk) func leavesOtherLinesAlone(_ line: String) {
    #expect(screen.screen(line).isEmpty, "cue in: \(line): \(screen.screen(line))")
  }

  @Test func namesTheConcern() {
    #expect(Set(screen.screen("he threatened to stab his boss").map(\.concern)) == ["harm-to-others"])
    #expect(Set(screen.screen("the kid came to school with a black eye").map(\.concern)) == ["child-abuse"])
    #expect(Set(screen.screen("her husband chokes her when he drinks").map(\.concern)) == ["partner-violence"])
    #expect(Set(screen.screen("elderly client with dementia has bruises on her arms").map(\.concern)) == ["elder-abuse"])
    #expect(Set(screen.screen("hearing voices telling him what to do").map(\.concern)) == ["psychosis"])
    #expect(Set(screen.screen("she is cutting again").map(\.concern)) == ["self-harm"])
    #expect(Set(screen.screen("she told me she wants to kill herself").map(\.concern)) == ["suicide"])
  }

  @Test func reportsDeniedCuesSoTheMatcherCanSkipThem() {
    let tokens = TextAnalyzer.analyze("denies SI, argues about everything")
    let scan = screen.scan(tokens)
    #expect(scan.cues.isEmpty)
    #expect(scan.denied == [0..<2])
  }

  @Test func aWeakCueAloneIsWeak() {
    let cues = screen.screen("she feels like a burden to her family")
    #expect(!cues.isEmpty && cues.allSatisfy(\.weak))
    #expect(screen.screen("she says she wants to die and feels like a burden").contains { !$0.weak })
  }

  @Test func saysWhichMisspellingsItRead() {
    let scan = screen.scan(TextAnalyzer.analyze("he wants to kil himself"))
    #expect(scan.corrections.contains { $0.hasPrefix("kil → ") })
  }

  @Test func readsMisspellingsOfSuicide() {
    for word in ["suicidal", "sucidal", "suicdal", "suicide", "sucide"] {
      #expect(!screen.screen("client is \(word)").isEmpty, "\(word)")
    }
  }
}
