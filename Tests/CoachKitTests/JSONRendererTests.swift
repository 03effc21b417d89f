import Foundation
import Testing

@testable import CoachKit

/// The JSON object of a reply has the keys scripts rely on, for a sign, an unknown and safety.
@Suite struct JSONRendererTests {
  /// Parses the serialized object back with Foundation, which proves it is valid JSON.
  static func parsed(_ json: JSON) throws -> [String: Any] {
    try parsed(json.serialized())
  }

  /// Parses a line of JSON back with Foundation.
  static func parsed(_ text: String) throws -> [String: Any] {
    #expect(!text.contains("\n"), "one object per line")
    return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func signHasEveryKey() throws {
    let object = try Self.parsed(JSONRenderer.line(TextRendererTests.reply(TextRendererTests.silence)))
    for key in ["input", "intent", "title", "kind", "confidence", "alternatives", "answer", "stages", "related", "sources", "safety"] {
      #expect(object[key] != nil, "missing \(key)")
    }
    #expect(object["input"] as? String == "she says nothing")
    #expect(object["intent"] as? String == "silence")
    #expect(object["title"] as? String == "Silence")
    #expect(object["kind"] as? String == "sign")
    #expect(object["confidence"] as? Double == 0.84)
    #expect(object["safety"] as? Bool == false)
    #expect(object["protocol"] == nil)
    #expect(object["related"] as? [String] == ["hostility", "nonanswer"])
    #expect(object["sources"] as? [String] == ["FAQ, red flags"])
    let alternatives = try #require(object["alternatives"] as? [[String: Any]])
    #expect(alternatives.count == 1)
    #expect(alternatives.first?["intent"] as? String == "silence")
    #expect(alternatives.first?["confidence"] as? Double == 0.12)
    let stages = try #require(object["stages"] as? [[String: String]])
    #expect(stages.map { $0["stage"] } == ["acknowledge", "case"])
    #expect(stages.allSatisfy { $0["do"] != nil && $0["say"] != nil && $0["why"] != nil })
    #expect(stages.last?["do"] == "Offer your view, with permission, and leave the choice with her.")
  }

  @Test func stageIDsAreTheDocumentedOnes() {
    #expect(Guidance.Stage.Name.allCases.map(\.rawValue) == ["acknowledge", "validate", "clarify", "buy-in", "case"])
  }

  @Test func unknownHasNoStages() throws {
    let object = try Self.parsed(JSONRenderer.line(TextRendererTests.reply(nil, confidence: 0.1)))
    #expect(object["intent"] as? String == "unknown")
    #expect(object["stages"] as? [Any] != nil)
    #expect((object["stages"] as? [Any])?.isEmpty == true)
    #expect(object["safety"] as? Bool == false)
    #expect(object["kind"] is NSNull)
  }

  @Test func safetyHasItsProtocol() throws {
    let danger = Intent(
      id: "safety-risk", title: "Safety risk", kind: .safety, examples: ["x"],
      guidance: Guidance(answer: "Stop.", protocolSteps: ["Ask directly.", "Call for help."]))
    let match = Match(intent: danger.id, confidence: 1, alternatives: [], backdrop: nil, ambiguous: false, evidence: .init())
    let reply = Reply(input: "x", match: match, table: IntentTable(intents: [danger]), context: ClientContext())
    let object = try Self.parsed(JSONRenderer.line(reply))
    #expect(object["safety"] as? Bool == true)
    #expect(object["protocol"] as? [String] == ["Ask directly.", "Call for help."])
    #expect((object["stages"] as? [Any])?.isEmpty == true)
  }

  @Test func inputWithControlCharactersStaysOneValidLine() throws {
    let input = "a\u{0}b\u{1}c\td\ne\rf\"g\\h\u{7F}i\u{2028}j\u{1B}[31m"
    let object = try Self.parsed(JSONRenderer.line(TextRendererTests.reply(TextRendererTests.silence, input: input)))
    #expect(object["input"] as? String == input)
  }

  @Test func escapesAreExact() {
    #expect(JSON.string("\"\\\n\r\t\u{0}\u{1F}é").serialized() == #""\"\\\n\r\t\u0000\u001fé""#)
  }

  @Test func numbersAreValidJSON() {
    #expect(JSON.number(1).serialized() == "1")
    #expect(JSON.number(0.25).serialized() == "0.25")
    #expect(JSON.number(-3).serialized() == "-3")
    #expect(JSON.number(.nan).serialized() == "null")
    #expect(JSON.number(.infinity).serialized() == "null")
  }

  @Test func objectsKeepKeyOrder() {
    let json = JSON.object([("b", .bool(true)), ("a", .null), ("c", .array([.string("x"), .number(2)]))])
    #expect(json.serialized() == #"{"b":true,"a":null,"c":["x",2]}"#)
  }

  @Test func tableListsEveryIntentWithItsExamples() throws {
    let table = IntentTable(intents: [TextRendererTests.silence])
    let object = try Self.parsed(JSONRenderer.table(table))
    let intents = try #require(object["intents"] as? [[String: Any]])
    #expect(intents.count == 1)
    #expect(intents.first?["id"] as? String == "silence")
    #expect(intents.first?["title"] as? String == "Silence")
    #expect(intents.first?["kind"] as? String == "sign")
    #expect(intents.first?["examples"] as? [String] == ["says nothing"])
  }
}
