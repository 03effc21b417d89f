import Foundation
import Testing

@testable import CoachKit
import CoachKnowledge

/// A consult driven line by line, as a clinician would talk to a supervisor.
@Suite struct ConsultationTests {
  static let coach = try! Coach.load()

  static func consultation(_ format: Consultation.Format = .text) -> Consultation {
    Consultation(coach: coach, renderer: TextRenderer(width: 100), format: format)
  }

  /// Two concepts taught the same phrases, so every question about them is a close call.
  static let twins = Coach(table: IntentTable(intents: [
    Intent(
      id: "what-is-resistance", title: "What client resistance is", kind: .concept, examples: ["what is resistance"],
      guidance: Guidance(answer: "Resistance is information.")),
    Intent(
      id: "overcoming-resistance", title: "Overcoming client resistance", kind: .concept, examples: ["what is resistance"],
      guidance: Guidance(answer: "Acknowledge first.")),
  ]))

  @Test func followUpsWalkTheStagesInOrder() {
    var consultation = Self.consultation()
    _ = consultation.handle("she just shrugs and says nothing when we talk about her drinking")
    #expect(consultation.current?.intent?.id == "no-response")
    #expect(consultation.stage == nil)
    let walk: [(line: String, shows: String, stage: Int)] = [
      ("what next?", "No response · stage 1 of 5\n 1 Acknowledge", 0), ("and then?", " 2 Validate", 1),
      ("What do I say?", " 3 Clarify", 2), ("/next", " 4 Create buy-in", 3), ("/back", " 3 Clarify", 2),
      ("/stage case", " 5 Make your case", 4), ("/next", "That was the last stage", 4),
      ("/stage acknowledge", " 1 Acknowledge", 0), ("/back", "This is the first stage, “Acknowledge”.", 0),
      ("/stage sideways", "unknown stage 'sideways'", 0),
    ]
    for step in walk {
      let text = consultation.handle(step.line).text
      #expect(text.contains(step.shows), "\(step.line)")
      #expect(consultation.stage == step.stage, "\(step.line)")
    }
  }

  @Test func whyExplainsTheStageReached() {
    var consultation = Self.consultation()
    _ = consultation.handle("she just shrugs and says nothing")
    let before = consultation.handle("why?").text
    #expect(before.hasPrefix("The thinking behind “No response”:"))
    _ = consultation.handle("/stage validate")
    let why = consultation.handle("why is that?").text
    #expect(why.hasPrefix("Why “Validate”: Respect the resistance"))
  }

  @Test func theSampleLinesSpeakOfTheClientAsTheUserDid() {
    var consultation = Self.consultation()
    let text = consultation.handle("she just shrugs and says nothing when we talk about her drinking").text
    let stages = consultation.current?.stages ?? []
    #expect(stages.first?.action.hasSuffix("demanding an answer from her.") == true)
    #expect(stages.first { $0.name == .buyIn }?.say.contains("nothing to do with your drinking") == true)
    #expect(!text.contains("{"))
    #expect(consultation.context == ClientContext(pronoun: .she, topic: "her drinking"))
  }

  @Test func aWhatIfMovesToTheNewSignAndKeepsWhatIsKnown() {
    var consultation = Self.consultation()
    _ = consultation.handle("court-ordered, she sits there in silence when we talk about her drinking")
    _ = consultation.handle("/next")
    let text = consultation.handle("what if she gets angry?").text
    #expect(consultation.current?.intent?.id == "hostility")
    #expect(consultation.stage == nil)
    #expect(consultation.context == ClientContext(pronoun: .she, topic: "her drinking", mandated: true))
    #expect(text.hasPrefix("Keeping what you told me: she · mandated · topic: her drinking.\n"))
    #expect(consultation.current?.backdrop?.id == "mandated-client")
    #expect(text.contains("Because this is also: mandated client"))
    #expect(consultation.current?.stages[1].say.contains("with your drinking, I'd probably be furious too") == true)
    let next = consultation.handle("what next?")
    #expect(next.text.contains("Acknowledge"))
  }

  @Test func aWhatIfWithAnotherPronounSwitchesTheSampleLines() {
    var consultation = Self.consultation()
    _ = consultation.handle("she just shrugs and says nothing")
    _ = consultation.handle("what if he gets angry?")
    #expect(consultation.current?.intent?.id == "hostility")
    #expect(consultation.context.pronoun == .he)
    #expect(consultation.current?.stages.last?.action.contains("keep working with him") == true)
  }

  @Test func theClientsAngerAndYourOwnAreToldApartByWhoTheLineIsAbout() {
    var consultation = Self.consultation()
    _ = consultation.handle("she gets angry")
    #expect(consultation.current?.intent?.id == "hostility")
    #expect(consultation.pendingChoice.isEmpty)
    _ = consultation.handle("/reset")
    _ = consultation.handle("I get angry with her")
    #expect(consultation.current?.intent?.id == "clinician-frustration")
  }

  @Test func aMandatedClientFramesEverySignThatFollows() {
    var consultation = Self.consultation()
    _ = consultation.handle("my client is court-ordered")
    #expect(consultation.context.mandated)
    let text = consultation.handle("she argues with everything I say").text
    #expect(consultation.current?.intent?.id == "arguing")
    #expect(consultation.current?.backdrop?.id == "mandated-client")
    #expect(text.contains("Because this is also: mandated client"))
  }

  @Test func aSituationAddedLaterFramesTheSignUnderDiscussion() {
    var consultation = Self.consultation()
    _ = consultation.handle("she just shrugs and says nothing")
    _ = consultation.handle("/next")
    let text = consultation.handle("she's also court-ordered").text
    #expect(consultation.current?.intent?.id == "no-response")
    #expect(consultation.current?.backdrop?.id == "mandated-client")
    #expect(consultation.stage == nil)
    #expect(text.hasPrefix("Taking that into account: “No response” with a mandated client as the backdrop.\n"))
    #expect(text.contains("What changes\n  When the client is mandated"))
    let next = consultation.handle("/next")
    #expect(next.text.contains("Acknowledge"))
  }

  @Test func aCloseCallIsAskedAndANumberAnswersIt() {
    var consultation = Consultation(coach: Self.twins, renderer: TextRenderer(width: 100))
    let question = consultation.handle("what is resistance?").text
    #expect(consultation.pendingChoice.count == 2)
    let titles = consultation.pendingChoice.compactMap { Self.twins.table[$0]?.title }
    #expect(question.hasPrefix("This could be read two ways:\n  1 \(titles[0]) · the ideas\n  2 \(titles[1]) · the ideas\n"))
    let second = consultation.pendingChoice[1]
    _ = consultation.handle("2")
    #expect(consultation.current?.intent?.id == second)
    #expect(consultation.pendingChoice.isEmpty)
  }

  @Test(arguments: ["overcoming", "the overcoming one", "Overcoming!"])
  func aWordFromATitleAnswersACloseCall(answer: String) {
    var consultation = Consultation(coach: Self.twins)
    _ = consultation.handle("what is resistance")
    _ = consultation.handle(answer)
    #expect(consultation.current?.intent?.id == "overcoming-resistance")
  }

  @Test func neitherAsksForOtherWordsAndAnythingElseIsANewLine() {
    var consultation = Consultation(coach: Self.twins)
    _ = consultation.handle("what is resistance")
    let reply = consultation.handle("neither")
    #expect(reply.text.hasPrefix("Then say a little more"))
    #expect(consultation.pendingChoice.isEmpty)
    #expect(consultation.current == nil)
  }

  @Test func aOneShotAnswerDoesNotAsk() {
    var consultation = Consultation(coach: Self.twins)
    consultation.asksWhenUnsure = false
    let text = consultation.handle("what is resistance").text
    #expect(text.contains("Close call with"))
  }

  @Test func moreOffersTheAlternativesByNumber() {
    var consultation = Self.consultation()
    _ = consultation.handle("she just shrugs and says nothing")
    let more = consultation.handle("/more").text
    #expect(more.hasPrefix("Other readings of “she just shrugs and says nothing”:\n  1 "))
    let first = consultation.pendingChoice[0]
    _ = consultation.handle("1")
    #expect(consultation.current?.intent?.id == first)
  }

  @Test func somethingUnknownLeavesTheGuidanceUnderDiscussion() {
    var consultation = Self.consultation()
    _ = consultation.handle("she just shrugs and says nothing")
    let text = consultation.handle("what if the moon is purple").text
    #expect(text.hasPrefix("Not sure what this is"))
    #expect(consultation.current?.intent?.id == "no-response")
    let next = consultation.handle("/next")
    #expect(next.text.contains("Acknowledge"))
  }

  @Test func safetyHasNoStagesToWalk() {
    var consultation = Self.consultation()
    _ = consultation.handle("she said she wants to kill herself")
    #expect(consultation.current?.isSafety == true)
    let next = consultation.handle("what next?")
    #expect(next.text.hasPrefix("Stay with the safety protocol"))
  }

  @Test func nothingToWalkBeforeADescription() {
    var consultation = Self.consultation()
    let next = consultation.handle("/next")
    #expect(next.text == "No guidance to walk yet: describe what your client is doing.\n")
  }

  @Test func resetForgetsEverything() {
    var consultation = Self.consultation()
    _ = consultation.handle("court-ordered, she sits there in silence when we talk about her drinking")
    _ = consultation.handle("/next")
    let reset = consultation.handle("/reset")
    #expect(reset.text == "Starting afresh: nothing from before is kept.\n")
    #expect(consultation.context.isEmpty)
    #expect(consultation.current == nil && consultation.last == nil && consultation.stage == nil)
    #expect(consultation.transcript.isEmpty)
    let text = consultation.handle("what next?").text
    #expect(text.hasPrefix("Not sure what this is"))
  }

  @Test func aBlockOfLinesIsOneMessage() {
    var consultation = Self.consultation()
    let opened = consultation.handle("\"\"\"")
    #expect(opened.text.isEmpty)
    #expect(consultation.isCollectingBlock)
    let first = consultation.handle("she wrote to me:")
    #expect(first.text.isEmpty)
    let second = consultation.handle("\"you're useless and this is a waste of my time\"")
    #expect(second.text.isEmpty)
    let text = consultation.handle("\"\"\"").text
    #expect(!consultation.isCollectingBlock)
    #expect(consultation.last?.input == "she wrote to me:\n\"you're useless and this is a waste of my time\"")
    #expect(!text.isEmpty)
  }

  @Test func aBlockCanOpenAndCloseOnItsLines() {
    var consultation = Self.consultation()
    _ = consultation.handle("\"\"\"she shrugs")
    _ = consultation.handle("and says nothing\"\"\"")
    #expect(consultation.last?.input == "she shrugs\nand says nothing")
    _ = consultation.handle("\"\"\"she shrugs and says nothing\"\"\"")
    #expect(consultation.last?.input == "she shrugs and says nothing")
  }

  @Test func aPastedMessageOfSeveralLinesIsOneMessage() {
    var consultation = Self.consultation()
    _ = consultation.handle(message: "she shrugs\r\nand says nothing\n")
    #expect(consultation.last?.input == "she shrugs\nand says nothing")
    _ = consultation.handle(message: "/next")
    #expect(consultation.stage == 0)
  }

  @Test func cancellingABlockDropsIt() {
    var consultation = Self.consultation()
    _ = consultation.handle("\"\"\"")
    _ = consultation.handle("half a thought")
    let dropped = consultation.cancelBlock()
    #expect(dropped)
    #expect(!consultation.isCollectingBlock)
    let droppedAgain = consultation.cancelBlock()
    #expect(!droppedAgain)
    #expect(consultation.last == nil)
  }

  @Test func jsonModeAnswersFollowUpsAsJSON() throws {
    var consultation = Self.consultation(.json)
    let reply = consultation.handle("she just shrugs and says nothing").text
    #expect(reply.hasPrefix(#"{"input":"she just shrugs and says nothing","intent":"no-response""#))
    let next = consultation.handle("what next?").text
    #expect(next.hasPrefix(#"{"input":"what next?","followup":"next","output":"No response · stage 1 of 5\n 1 Acknowledge"#))
    #expect(next.hasSuffix("}\n") && !next.dropLast().contains("\n"))
    let added = consultation.handle("she's also court-ordered").text
    #expect(added.contains(#""backdrop":"mandated-client""#))
  }

  @Test func saveWritesAPrivateMarkdownFileAndRefusesToOverwrite() throws {
    let folder = try TemporaryFolder()
    var consultation = Self.consultation()
    consultation.directory = folder.path
    _ = consultation.handle("she just shrugs and says nothing when we talk about her drinking")
    _ = consultation.handle("/next")
    _ = consultation.handle("/help")
    let done = consultation.handle("/save consult.md")
    #expect(done.text == "Saved the consult to consult.md (readable by you only).\n")
    let path = folder.path + "/consult.md"
    let saved = try String(contentsOfFile: path, encoding: .utf8)
    #expect(saved.hasPrefix("# Consult\n\nAbout the client: she · topic: her drinking.\n\n> she just shrugs and says nothing when we talk about her drinking\n\n```text\nNo response"))
    #expect(saved.contains("> /next\n\n```text\nNo response · stage 1 of 5\n"))
    #expect(!saved.contains("/help"))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let refused = consultation.handle("/save consult.md")
    #expect(refused.text.contains("it exists already (use /save! to replace it)"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == saved)
    _ = consultation.handle("why?")
    let replaced = consultation.handle("/save! consult.md")
    #expect(replaced.text.hasPrefix("Saved"))
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("> why?"))
    let usage = consultation.handle("/save")
    #expect(usage.text.hasPrefix("usage: /save FILE"))
  }

  @Test func historyAsksTheFrontEndToTurnItOnOrOff() {
    var consultation = Self.consultation()
    let on = consultation.handle("/history on")
    #expect(on.effect == .history(true))
    let off = consultation.handle("/history off")
    #expect(off.effect == .history(false))
    let usage = consultation.handle("/history maybe")
    #expect(usage.text == "usage: /history on|off\n")
  }

  @Test func topicsListsIntentsByKind() {
    var consultation = Self.consultation()
    let text = consultation.handle("/topics").text
    let headings = ["Signs: what the client does", "Situations: who the client is", "Your own side", "Questions about the ideas", "Safety"]
    let positions = headings.compactMap { text.range(of: $0)?.lowerBound }
    #expect(positions.count == headings.count)
    #expect(positions == positions.sorted())
    #expect(text.contains("  no-response"))
  }

  @Test func helpMentionsFollowUpsAndBlocks() {
    var consultation = Self.consultation()
    let help = consultation.handle("/help").text
    #expect(help.contains("“what if she gets angry?”"))
    #expect(help.contains("A line of \"\"\" starts a message of several lines"))
  }
}

@Suite struct ConsultationCleaningTests {
  @Test func controlCharactersSeparateWordsWithoutDoublingSpaces() {
    #expect(Consultation.clean("she\u{0}shrugs") == "she shrugs")
    #expect(Consultation.clean("she \u{0} shrugs") == "she shrugs")
    #expect(Consultation.clean("he\u{1B}[31msmirks") == "he [31msmirks")
    #expect(Consultation.clean("\u{7}\tquiet  again\u{0}") == "quiet  again")
  }

  @Test func aLongConsultKeepsItsLatestTurns() {
    var consultation = ConsultationTests.consultation(.json)
    for number in 0..<1_300 { _ = consultation.handle("line \(number): she shrugs") }
    let transcript = consultation.transcript
    #expect(transcript.count == Consultation.transcriptLimit)
    #expect(transcript.last?.speaker == "coach")
    #expect(transcript.dropLast().last?.text == "line 1299: she shrugs")
    #expect(consultation.turns.count <= 2 * Consultation.transcriptLimit)
  }
}
