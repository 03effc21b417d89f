import Testing

@testable import CoachKit

@Suite struct ReplyTests {
  @Test func aCopyChangedLeavesTheOriginalAlone() {
    let original = TextRendererTests.reply(TextRendererTests.silence)
    var copy = original
    copy.match.confidence = 0.1
    copy.input = "something else"
    copy.stages = []
    #expect(original.match.confidence == 0.84)
    #expect(original.input == "she says nothing")
    #expect(!original.stages.isEmpty)
    #expect(copy.match.confidence == 0.1)
    #expect(copy.stages.isEmpty)
  }

  @Test func alternativesAreLookedUpInTheTable() {
    let reply = TextRendererTests.reply(TextRendererTests.silence)
    #expect(reply.nearest.map(\.id) == ["silence"])
  }

  @Test func aSignGetsTheMandatedBackdropFromTheContext() throws {
    let sign = TextRendererTests.silence
    var situation = sign
    situation.id = Reply.mandatedBackdrop
    situation.kind = .situation
    situation.guidance.alongside = "{They} did not choose to come."
    let table = IntentTable(intents: [sign, situation])
    let match = Match(intent: sign.id, confidence: 0.8, alternatives: [], backdrop: nil, ambiguous: false, evidence: .init())
    let reply = Reply(input: "x", match: match, table: table, context: ClientContext(pronoun: .he, mandated: true))
    #expect(reply.match.backdrop == Reply.mandatedBackdrop)
    #expect(reply.backdrop?.guidance.alongside == "He did not choose to come.")
  }
}
