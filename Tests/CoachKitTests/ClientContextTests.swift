import Testing

@testable import CoachKit
import CoachKnowledge

/// What the coach picks up about the client from the user's words, and how it fills the slots.
@Suite struct ClientContextTests {
  static func context(_ lines: String...) -> ClientContext {
    lines.reduce(ClientContext()) { $0.updated(with: $1) }
  }

  @Test func pronounComesFromTheUsersWordsNotTheClientsQuotedOnes() {
    #expect(Self.context("she just shrugs").pronoun == .she)
    #expect(Self.context("he rolls his eyes").pronoun == .he)
    #expect(Self.context("they never answer").pronoun == .they)
    #expect(Self.context("my client says \"he never listens to me\" and then she goes quiet").pronoun == .she)
    #expect(Self.context("my client says nothing").pronoun == nil)
  }

  @Test func aLaterLineKeepsThePronounUnlessItNamesAnother() {
    #expect(Self.context("she shrugs", "what next?").pronoun == .she)
    #expect(Self.context("she shrugs", "what if they walk out").pronoun == .she)
    #expect(Self.context("she shrugs", "what if he gets angry").pronoun == .he)
  }

  @Test(arguments: [
    ("she shuts down when we talk about her drinking", "her drinking"),
    ("he changes the subject whenever I bring up the divorce", "the divorce"),
    ("every time I mention his mother he gets angry", "his mother"),
    ("she goes quiet when I ask about school", "school"),
  ])
  func topicIsTheWordsAfterTheOpener(line: String, topic: String) {
    #expect(Self.context(line).topic == topic)
  }

  @Test func noTopicWhenNoneIsNamed() {
    #expect(Self.context("she shrugs and says nothing").topic == nil)
    #expect(Self.context("when we talk about it she shuts down").topic == nil)
  }

  @Test(arguments: [
    "court-ordered client, sits in silence", "she is on probation", "\"my PO makes me come\" he says and his PO did make him come",
    "CPS says she has to finish 12 sessions", "he has to come here or lose his license", "her boss sent her here",
    "the judge gave him a choice: jail or treatment", "mandated client",
  ])
  func mandatedIsHeard(line: String) {
    #expect(Self.context(line).mandated, "\(line)")
  }

  @Test(arguments: [
    "she's not court-ordered, she came on her own", "she feels I judge her", "he has to be right about everything",
    "she sent me an angry email", "\"the court can go to hell\"",
  ])
  func mandatedIsNotMisheard(line: String) {
    #expect(!Self.context(line).mandated, "\(line)")
  }

  @Test func mandatedStaysOnceSaid() {
    #expect(Self.context("court-ordered", "she shrugs", "what if she gets angry?").mandated)
  }

  @Test func fillUsesThePronounAndTheTopic() {
    let context = ClientContext(pronoun: .he, topic: "his drinking")
    #expect(context.fill("Ask {them} about {their} week; {They} decide.") == "Ask him about his week; He decide.")
    #expect(context.fill("Talk about {topic|it}.") == "Talk about his drinking.")
    #expect(context.fill("\"How is {topic|it} going?\"", spoken: true) == "\"How is your drinking going?\"")
  }

  @Test func fillFallsBackWhenNothingIsKnown() {
    let context = ClientContext()
    #expect(context.fill("Ask {them} about {topic|the plan}.") == "Ask them about the plan.")
    #expect(context.fill("{topic}") == "this")
    #expect(context.fill("{unknown} and {them") == "{unknown} and {them")
  }

  @Test(arguments: [
    ("her drinking", "your drinking"), ("his job and his kids", "your job and your kids"), ("the divorce", "the divorce"),
    ("what happened to her", "what happened to you"), ("their money", "your money"),
  ])
  func spokenTopicAddressesTheClient(topic: String, spoken: String) {
    #expect(ClientContext(topic: topic).spokenTopic == spoken)
  }

  @Test func theClinicianSpeaksOfTheClientInTheThirdPersonToThemselves() {
    let context = ClientContext(pronoun: .she, topic: "her drinking")
    let stage = Guidance.Stage(name: .clarify, action: "Ask {them}.", why: "w", say: "\"Am I working harder than {them} on {topic|it}?\"")
    #expect(context.fill(stage, of: .self).say == "\"Am I working harder than her on her drinking?\"")
    #expect(context.fill(stage, of: .sign).say == "\"Am I working harder than her on your drinking?\"")
    #expect(context.fill(stage, of: .sign).action == "Ask her.")
  }

  @Test func everySlotInTheKnowledgeIsFilled() throws {
    let table = try IntentTable.embedded()
    let context = ClientContext(pronoun: .she, topic: "her drinking", mandated: true)
    for intent in table.intents {
      for stage in intent.guidance.stages {
        let filled = context.fill(stage, of: intent.kind)
        #expect(!filled.action.contains("{") && !filled.say.contains("{"), "\(intent.id) \(stage.name.rawValue) has a slot left")
      }
    }
  }

  @Test func summarySaysWhatIsKnown() {
    #expect(ClientContext(pronoun: .she, topic: "her drinking", mandated: true).summary == "she · mandated · topic: her drinking")
    #expect(ClientContext().isEmpty)
  }
}
