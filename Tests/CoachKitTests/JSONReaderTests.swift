import Testing

@testable import CoachKit

/// The JSON reader that reads labelled sets (`coach eval`) without Foundation.
@Suite struct JSONReaderTests {
  @Test func readsValues() {
    let value = JSON.parse(#" {"text": "she said \"fine\" \u00e9\ud83d\ude00\n", "accept": ["a", "b"], "n": -1.5e2, "ok": true, "no": null} "#)
    #expect(value?["text"] == .string("she said \"fine\" é😀\n"))
    #expect(value?["accept"] == .array([.string("a"), .string("b")]))
    #expect(value?["n"] == .number(-150))
    #expect(value?["ok"] == .bool(true))
    #expect(value?["no"] == .null)
    #expect(value?["missing"] == nil)
    #expect(JSON.parse("[]") == .array([]))
    #expect(JSON.parse("{}") == .object([]))
    #expect(JSON.parse("0") == .number(0))
  }

  @Test(arguments: [
    "", "{", "{\"a\"}", "{\"a\": }", "[1,]", "[1 2]", "01", "-", "1.", "1e", "tru", "\"open", "\"tab\there\"", "\"\\x\"",
    "\"\\ud800\"", "\"\\udc00\"", "{} {}", "nul", "[\"a\",\"b\"", String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
  ])
  func refusesWhatIsNotJSON(text: String) {
    #expect(JSON.parse(text) == nil)
  }

  @Test func readsWhatItWrites() {
    let value = JSON.object([("text", .string("a \"quoted\" line\twith\u{1} control")), ("accept", .array([.string("x")])), ("n", .number(0.25))])
    #expect(JSON.parse(value.serialized()) == value)
  }
}
