import CoachKit
import CoachKnowledge
import Foundation
import Testing

@testable import coach

/// Standard input that is not a terminal: each line answered in order, no banner, no prompt,
/// no colour; `--json` gives one object per line.
@Suite struct StreamSessionTests {
  static let lines = [
    "my court-ordered client just shrugs and says nothing",
    "what is rolling with resistance?",
    "asdf qwerty zxcv",
    "/show no-response",
    "she said \"you're too young to help me\"",
  ]

  @Test func textAnswersEachLineInOrderLikeTheLibrary() throws {
    let run = try CoachBinary.run(input: Self.lines.joined(separator: "\n") + "\n")
    #expect(run.status == 0)
    #expect(run.stderr == "")
    var consultation = Consultation(coach: try Coach.load(), renderer: TextRenderer(width: 80, color: false))
    let expected = Self.lines.map { consultation.handle($0).text + "\n" }.joined()
    #expect(run.stdout == expected)
    #expect(!run.stdout.contains("coach 0.1"), "no banner")
    #expect(!run.stdout.contains("›"), "no prompt")
    #expect(!run.stdout.contains("\u{1B}"), "no colour")
  }

  @Test func answersComeInInputOrder() throws {
    let run = try CoachBinary.run(input: "what is rolling with resistance?\n\n   \nhe just shrugs and says nothing\n")
    let rolling = try #require(run.stdout.range(of: "Rolling with resistance · the ideas"))
    let silence = try #require(run.stdout.range(of: "No response · sign of resistance"))
    #expect(rolling.lowerBound < silence.lowerBound)
    #expect(run.stdout.hasPrefix("Rolling with resistance"))
  }

  @Test func jsonGivesOneObjectPerNonEmptyLine() throws {
    let input = [
      "he just shrugs and says nothing", "", "asdf qwerty zxcv", "   ",
      "my client said she wants to kill herself", "what are the principles of motivational interviewing",
    ]
    let run = try CoachBinary.run(["--json"], input: input.joined(separator: "\n"))
    #expect(run.status == 0)
    let outputs = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(outputs.count == 5, "four objects and the final newline")
    #expect(outputs.last == "")
    var objects: [[String: Any]] = []
    for line in outputs.dropLast() {
      objects.append(try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
    }
    #expect(objects.map { $0["input"] as? String } == input.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    #expect(objects.map { $0["intent"] as? String } == ["no-response", "unknown", "safety-risk", "mi-principles"])
    #expect(objects[1]["stages"] as? [Any] != nil && (objects[1]["stages"] as? [Any])?.isEmpty == true)
    #expect(objects[2]["safety"] as? Bool == true)
    #expect((objects[2]["protocol"] as? [String])?.isEmpty == false)
    #expect((objects[0]["stages"] as? [[String: Any]])?.map { $0["stage"] as? String } == ["acknowledge", "validate", "clarify", "buy-in", "case"])
  }

  @Test func slashCommandsWorkAndQuitStops() throws {
    let run = try CoachBinary.run(input: "/topics\n/quit\nhe just shrugs\n")
    #expect(run.status == 0)
    #expect(run.stdout.contains("no-response"))
    #expect(!run.stdout.contains("No response · sign of resistance"), "nothing after /quit is answered")
    let unknown = try CoachBinary.run(input: "/x\n")
    #expect(unknown.stdout == "unknown command '/x', type /help\n\n")
  }

  @Test func emptyInputEndsCleanly() throws {
    let run = try CoachBinary.run(input: "")
    #expect(run.status == 0)
    #expect(run.stdout == "")
  }

  @Test func lastLineWithoutNewlineIsAnswered() throws {
    let run = try CoachBinary.run(["--json"], input: "he just shrugs")
    #expect(run.stdout.split(separator: "\n").count == 1)
  }

  @Test func invalidUTF8IsWarnedAboutNotFatal() throws {
    let run = try CoachBinary.run(["--json"], bytes: Data("he just shrugs\n".utf8) + Data([0x61, 0xFF, 0x0A]))
    #expect(run.status == 0)
    let inputs = try run.stdout.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["input"] as? String
    }
    #expect(inputs == ["he just shrugs", "a\u{FFFD}"])
    #expect(run.stderr == "stdin:2: warning: invalid UTF-8; unreadable bytes were replaced with \u{FFFD}\n")
  }

  @Test func splitterHandlesLineEndsAndLongLines() {
    var splitter = LineSplitter(maximumLine: 8)
    var lines = splitter.feed(Array("one\r\ntwo\nthree is long\nfo".utf8)[...])
    lines += splitter.feed(Array("ur".utf8)[...])
    if let last = splitter.finish() { lines.append(last) }
    #expect(lines.map(\.text) == ["one", "two", "three is", "four"])
    #expect(lines.map(\.number) == [1, 2, 3, 4])
    #expect(lines.map(\.length) == [3, 3, 13, 4])
    #expect(lines.map(\.bytesRead) == [3, 3, 8, 4])
  }

  @Test func splitterFlagsInvalidUTF8() {
    var splitter = LineSplitter(maximumLine: 100)
    let lines = splitter.feed([0x61, 0xFF, 0x62, 0x0A][...])
    #expect(lines.count == 1)
    #expect(lines.first?.invalidUTF8 == true)
    #expect(lines.first?.text == "a\u{FFFD}b")
    #expect(splitter.finish() == nil)
  }
}
