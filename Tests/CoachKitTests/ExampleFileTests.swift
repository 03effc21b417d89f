import Testing

@testable import CoachKit

/// Example files: one JSON object a line, every problem a `path:line: error:`.
@Suite struct ExampleFileTests {
  @Test func readsTextIntentAndConcerns() throws {
    let lines = try ExampleFile.parse(
      """
      {"text": "he just shrugs", "intent": "no-response"}

      {"text": "said she won't need her coat", "intent": "safety-risk", "concerns": ["suicide"], "lookalike": false}
      """, path: "x.jsonl")
    #expect(lines.map(\.intent) == ["no-response", "safety-risk"])
    #expect(lines[1].concerns == ["suicide"])
    #expect(lines[1].line == 3)
  }

  @Test func namesTheLineOfEachProblem() {
    do {
      _ = try ExampleFile.parse(
        """
        {"text": "fine", "intent": "no-response"}
        not json
        {"text": "", "intent": "no-response"}
        {"text": "x", "intent": "safety-risk", "concerns": ["danger"]}
        """, path: "x.jsonl")
      Issue.record("expected errors")
    } catch {
      let messages = error.errors.map(\.description)
      #expect(messages.count == 3)
      #expect(messages[0].hasPrefix("x.jsonl:2: error: expected {\"text\""))
      #expect(messages[1].hasPrefix("x.jsonl:3: error:"))
      #expect(messages[2].hasPrefix("x.jsonl:4: error: concerns are among"))
    }
  }

  @Test func examplesForAnIntentNoFileHoldsAreAnError() throws {
    let table = try IntentTable(files: [("k/extra.jsonl", "{\"text\": \"hm\", \"intent\": \"no-such-intent\"}")])
    #expect(throws: KnowledgeErrors.self) { try table.checkReferences() }
  }

  @Test func anIntentKeepsALineOnce() throws {
    let shipped = try Coach.load().table
    let extra = try IntentTable(files: [
      ("k/extra.jsonl", "{\"text\": \"He just shrugs and stares\", \"intent\": \"no-response\"}\n{\"text\": \"he just shrugs and stares\", \"intent\": \"no-response\"}")
    ])
    let merged = shipped.adding(extra)
    #expect(merged["no-response"]!.examples.count == shipped["no-response"]!.examples.count + 1)
  }
}
