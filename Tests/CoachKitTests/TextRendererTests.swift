import Testing

@testable import CoachKit

/// Golden output for a small intent, wrapping, and colour only when asked for.
@Suite struct TextRendererTests {
  static let silence = Intent(
    id: "silence", title: "Silence", kind: .sign, sources: ["FAQ, red flags"], examples: ["says nothing"],
    related: ["hostility", "nonanswer"],
    guidance: Guidance(
      answer: "Silence is an answer too; meet it with patience and curiosity rather than more questions.",
      stages: [
        .init(name: .acknowledge, action: "Name the silence without blame.", why: "Everyone wants to feel heard.", say: "\"It's quiet today.\""),
        .init(name: .case, action: "Offer your view, with permission, and leave the choice with {them}.", why: "Support self-efficacy.", say: "\"Can I tell you what I've noticed?\""),
      ]))

  static func reply(_ intent: Intent?, confidence: Double = 0.84, input: String = "she says nothing") -> Reply {
    let match = Match(
      intent: intent?.id ?? Match.unknown, confidence: confidence,
      alternatives: [.init(intent: "silence", confidence: 0.12)], backdrop: nil, ambiguous: false, evidence: .init())
    return Reply(input: input, match: match, table: IntentTable(intents: [silence]), context: ClientContext(pronoun: .she))
  }

  @Test func goldenReplyAtWidth80() {
    let expected = """
      Silence · sign of resistance                                     confidence 0.84
      Silence is an answer too; meet it with patience and curiosity rather than more
      questions.

       1 Acknowledge    Name the silence without blame.
                        Why: Everyone wants to feel heard.
                        Say: "It's quiet today."
       2 Make your case Offer your view, with permission, and leave the choice with
                        her.
                        Why: Support self-efficacy.
                        Say: "Can I tell you what I've noticed?"

      Related: hostility · nonanswer · /why · /next

      """
    #expect(TextRenderer(width: 80, color: false).render(Self.reply(Self.silence)) == expected)
  }

  @Test func goldenReplyAtWidth40() {
    let expected = """
      Silence · sign of resistance
      confidence 0.84
      Silence is an answer too; meet it with
      patience and curiosity rather than more
      questions.

       1 Acknowledge    Name the silence
                        without blame.
                        Why: Everyone wants to
                        feel heard.
                        Say: "It's quiet
                        today."
       2 Make your case Offer your view, with
                        permission, and leave
                        the choice with her.
                        Why: Support
                        self-efficacy.
                        Say: "Can I tell you
                        what I've noticed?"

      Related: hostility · nonanswer · /why ·
      /next

      """
    #expect(TextRenderer(width: 40, color: false).render(Self.reply(Self.silence)) == expected)
  }

  @Test(arguments: [40, 60, 80, 120]) func noLineIsWiderThanTheWidth(width: Int) {
    let renderer = TextRenderer(width: width)
    var why = Self.reply(Self.silence)
    why.match.evidence = .init(
      words: ["shrugs", "silent", "nothing"], nearestExample: "he just shrugs and says nothing at all, every session",
      scores: ["no-response", "mandated-client", "building-rapport", "overcoming-resistance", "guarded-client"].map {
        .init(intent: $0, confidence: 0.5)
      })
    let text = renderer.render(Self.reply(Self.silence)) + renderer.renderCard(Self.silence)
      + renderer.render(Self.reply(nil, confidence: 0.1)) + renderer.renderWhy(why)
    for line in text.split(separator: "\n") {
      #expect(line.count <= width, "\(line.count) > \(width): \(line)")
    }
  }

  @Test func widthIsClampedToAReadableRange() {
    #expect(TextRenderer(width: 5).width == 40)
    #expect(TextRenderer(width: 1000).width == 160)
  }

  @Test func goldenUnknown() {
    let expected = """
      Not sure what this is · confidence 0.10
      I don't have guidance that fits this. I help with a client's resistance:
      describe what the client does or says ("shrugs and says nothing", she said
      "you're too young"), or ask about the ideas ("what is rolling with
      resistance?").

      Nearest topics:
        silence · Silence
      /topics lists everything I know.

      """
    #expect(TextRenderer().render(Self.reply(nil, confidence: 0.1)) == expected)
  }

  @Test func noEscapesWithoutColor() {
    let renderer = TextRenderer(color: false)
    let text = renderer.render(Self.reply(Self.silence)) + renderer.renderCard(Self.silence) + renderer.renderTopics(IntentTable(intents: [Self.silence]))
    #expect(!text.contains("\u{1B}"))
  }

  @Test func escapesWithColorAndStrippedTheyMatchThePlainText() {
    let plain = TextRenderer(color: false).render(Self.reply(Self.silence))
    let colored = TextRenderer(color: true)
    let text = colored.render(Self.reply(Self.silence))
    #expect(text.contains("\u{1B}[1mSilence\u{1B}[0m"))
    #expect(text.contains("\u{1B}[36m"))
    #expect(colored.stripped(text) == plain)
  }

  @Test func goldenWhy() {
    var reply = Self.reply(Self.silence)
    reply.match.evidence = .init(words: ["shrugs", "nothing"], nearestExample: "says nothing", negated: ["angry"], scores: [.init(intent: "silence", confidence: 0.84)])
    #expect(
      TextRenderer().renderWhy(reply) == """
        Why “Silence”
          Risk: classifier 0.00.
          Words that pointed there: shrugs, nothing
          Nearest example: “says nothing”
          Read as negated: angry
          Scores: silence 0.84

        """)
  }

  @Test func listItemsHangUnderTheirText() {
    let wrapped = TextRenderer(width: 40).wrap("- one two three four five six seven eight nine ten\n12. alpha beta gamma delta epsilon zeta eta", indent: 2)
    #expect(wrapped == """
        - one two three four five six seven
          eight nine ten
        12. alpha beta gamma delta epsilon
            zeta eta
      """)
  }

  @Test func safetyShowsTheProtocolNotStages() {
    let danger = Intent(
      id: "danger", title: "Danger", kind: .safety, examples: ["x"],
      guidance: Guidance(answer: "Stop and assess.", protocolSteps: ["Ask directly.", "Call for help."]))
    let match = Match(intent: "danger", confidence: 1, alternatives: [], backdrop: nil, ambiguous: false, evidence: .init())
    let reply = Reply(input: "x", match: match, table: IntentTable(intents: [danger]), context: ClientContext())
    let text = TextRenderer().render(reply)
    #expect(text.hasPrefix("SAFETY FIRST · Danger\nHeard: no single phrase, but the whole reads like risk.\n\n 1. Ask directly.\n 2. Call for help.\n"))
    #expect(!text.contains("Acknowledge"))
  }

  /// A concern named by a cue gets that concern's protocol, first and whole.
  @Test func safetyShowsTheProtocolOfEachConcern() {
    var guidance = Guidance(answer: "Stop and assess.", protocolSteps: ["General step."])
    guidance.concernProtocols = [
      .init(concern: "suicide", steps: ["Ask about suicide."]), .init(concern: "partner-violence", steps: ["Ask privately."]),
    ]
    let danger = Intent(id: "safety-risk", title: "Safety risk", kind: .safety, examples: ["x"], guidance: guidance)
    var evidence = Match.Evidence()
    evidence.safetyCues = [SafetyScreen.Cue(words: "chokes her", concern: "partner-violence")]
    let match = Match(
      intent: "safety-risk", confidence: 1, alternatives: [], backdrop: nil, ambiguous: false, evidence: evidence, tier: .risk,
      concerns: ["partner-violence"])
    let text = TextRenderer().render(Reply(input: "x", match: match, table: IntentTable(intents: [danger]), context: ClientContext()))
    #expect(text.hasPrefix("SAFETY FIRST · Partner violence\nHeard: “chokes her” (partner-violence)\n\nPartner violence\n 1. Ask privately.\n"))
    #expect(!text.contains("Ask about suicide.") && !text.contains("General step."))
  }

  /// Possible risk: the screen first, then only the stages that listen, of the line's own intent.
  @Test func possibleRiskScreensBeforeListening() {
    var guidance = Guidance(answer: "Stop and assess.", protocolSteps: ["General step."])
    guidance.screenSteps = ["Ask the four questions."]
    let danger = Intent(id: "safety-risk", title: "Safety risk", kind: .safety, examples: ["x"], guidance: guidance)
    let stages = Guidance.Stage.Name.allCases.map { Guidance.Stage(name: $0, action: "Do \($0.rawValue).", why: "Why.", say: "Say.") }
    let hostility = Intent(id: "hostility", title: "Hostility", kind: .sign, examples: ["x"], guidance: Guidance(answer: "A.", stages: stages))
    let match = Match(
      intent: "safety-risk", confidence: 1, alternatives: [], backdrop: nil, ambiguous: false, evidence: .init(), tier: .possible,
      concerns: ["suicide"], coaching: "hostility")
    let reply = Reply(input: "x", match: match, table: IntentTable(intents: [danger, hostility]), context: ClientContext())
    let text = TextRenderer().render(reply)
    #expect(text.hasPrefix("CHECK FOR RISK FIRST · possible risk\n"))
    #expect(text.contains("Ask these now, before anything else\n 1. Ask the four questions.\n"))
    #expect(reply.stages.map(\.name) == [.acknowledge, .validate, .clarify])
    #expect(text.contains("Do acknowledge.") && !text.contains("Do buy-in.") && !text.contains("Do case."))
    let json = JSONRenderer.line(reply)
    #expect(json.contains("\"tier\":\"possible\"") && json.contains("\"screen\":[\"Ask the four questions.\"]"))
    #expect(json.contains("\"coaching\":\"hostility\""))
    #expect(TextRenderer().renderWhy(reply).contains("Risk: tier possible (suicide); classifier 0.00."))
  }

  @Test func confidenceHasTwoDecimals() {
    #expect(TextRenderer.format(0) == "0.00")
    #expect(TextRenderer.format(0.05) == "0.05")
    #expect(TextRenderer.format(0.5) == "0.50")
    #expect(TextRenderer.format(1) == "1.00")
  }

  @Test func textsWithCombiningMarksOrEmojiWrapByCharacter() {
    #expect(TextRenderer.isOneScalarPerCharacter("she said “fine” — and left…"))
    #expect(!TextRenderer.isOneScalarPerCharacter("cafe\u{301}"))
    #expect(!TextRenderer.isOneScalarPerCharacter("thumbs up 👍🏽"))
    #expect(!TextRenderer.isOneScalarPerCharacter("line\r\nbreak"))
  }

  @Test func scalarWrapIsTheCharacterWrap() {
    // Random paragraphs, list items, runs of spaces and blank lines, dashes, curly quotes and
    // accented letters, at several widths and indents: the byte-by-byte wrap gives what the
    // character-by-character one does.
    var random = SplitMix(seed: 42)
    let pieces = [
      "a", "word", "longerword", "x", "-", "1.", "12.", "*", "supercalifragilistic", "", " ", "  ", "\n", "\n\n", "naïve",
      "café", "—", "“quoted”", "it’s", "…", "→", "Zoë’s", "½",
    ]
    for _ in 0..<400 {
      var text = ""
      for _ in 0..<Int(random.next() % 40) {
        let piece = pieces[Int(random.next() % UInt64(pieces.count))]
        text += random.next() % 3 == 0 ? piece : piece + " "
      }
      if random.next() % 4 == 0 { text = "- " + text }
      for width in [20, 45, 80] {
        let renderer = TextRenderer(width: width, color: false)
        for (indent, first) in [(0, nil), (4, nil), (6, 2), (2, 0)] as [(Int, Int?)] {
          #expect(
            renderer.wrapScalars(text, indent: indent, firstIndent: first) == renderer.wrapCharacters(text, indent: indent, firstIndent: first),
            "\(width) \(indent) \(String(describing: first)): \(text.debugDescription)")
        }
      }
    }
  }
}
