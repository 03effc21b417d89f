import CoachKit
import CoachKnowledge
import Foundation
import Testing

@testable import coach

/// The chat's loop fed from an array instead of a terminal: prompts, interrupts, pastes,
/// blocks and history, without a process.
@Suite struct REPLLoopTests {
  /// Lines from an array; records the prompts shown and the history kept.
  struct Lines: LineReader {
    var inputs: [LineInput]
    var prompts: [LinePrompt] = []
    var remembered: [String] = []
    var saves = 0

    mutating func read(_ prompt: LinePrompt) -> LineInput {
      prompts.append(prompt)
      return inputs.isEmpty ? .end : inputs.removeFirst()
    }

    mutating func remember(_ line: String) { remembered.append(line) }

    mutating func loadHistory(from path: String) {
      remembered += ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    mutating func saveHistory(to path: String) -> Bool {
      saves += 1
      try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      return (try? PrivateFile.write(remembered.joined(separator: "\n"), to: path, overwrite: true)) != nil
    }
  }

  static let coach = try! Coach.load()

  static func run(_ inputs: [LineInput], historyPath: String? = nil) -> (output: String, lines: Lines) {
    var repl = REPL(coach: coach, renderer: TextRenderer(width: 80), historyPath: historyPath)
    var lines = Lines(inputs: inputs)
    var output = ""
    repl.run(reading: &lines) { output += $0 }
    return (output, lines)
  }

  @Test func bannerAnswersAndLeavingOnEnd() {
    let (output, lines) = Self.run([.line("she shrugs and says nothing"), .line("what next?")])
    #expect(output.hasPrefix("coach \(CoachCommand.version) · describe what your client is doing"))
    #expect(output.contains("No response · sign of resistance"))
    #expect(output.contains("No response · stage 1 of 5"))
    #expect(output.hasSuffix("\n\n"))
    #expect(lines.prompts == [.main, .main, .main])
  }

  /// What psql and sqlite3 users type to leave or ask for help works alone on a line.
  @Test func bareQuitAndHelpAreCommands() {
    let (output, lines) = Self.run([.line("help"), .line("quit"), .line("she shrugs and says nothing")])
    #expect(output.contains("/quit"))
    #expect(!output.contains("No response · sign of resistance"))
    #expect(lines.prompts == [.main, .main])
    #expect(REPL.command(for: "  EXIT ") == "/quit")
    #expect(REPL.command(for: "\\q") == "/quit")
    #expect(REPL.command(for: "quit smoking") == "quit smoking")
  }

  @Test func interruptClearsTheLineOrDropsTheBlock() {
    let (output, lines) = Self.run([.interrupted, .line("\"\"\""), .line("half a thought"), .interrupted, .line("/next")])
    #expect(output.contains("(line cleared: type /quit or press Ctrl-D to leave)\n"))
    #expect(output.contains("(block dropped: type /quit or press Ctrl-D to leave)\n"))
    #expect(output.contains("No guidance to walk yet"))
    #expect(lines.prompts == [.main, .main, .continuation, .continuation, .main, .main])
  }

  @Test func aBlockShowsTheContinuationPromptUntilItCloses() {
    let (output, lines) = Self.run([.line("\"\"\""), .line("he just"), .line(""), .line("sits there"), .line("\"\"\"")])
    #expect(lines.prompts == [.main, .continuation, .continuation, .continuation, .continuation, .main])
    #expect(output.components(separatedBy: "confidence ").count == 2)
  }

  @Test func aPasteIsOneMessageAndOneHistoryLine() {
    let (output, lines) = Self.run([.paste("she wrote:\nyou're useless\nI'm not coming back")])
    #expect(output.components(separatedBy: "confidence ").count == 2)
    #expect(lines.remembered == ["she wrote: you're useless I'm not coming back"])
  }

  @Test func quitLeavesAtOnce() {
    let (_, lines) = Self.run([.line("/quit"), .line("never read")])
    #expect(lines.inputs == [.line("never read")])
  }

  @Test func historyIsKeptOnlyWhileOn() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-loop-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/coach/history"
    let (_, off) = Self.run([.line("she shrugs")], historyPath: path)
    #expect(off.saves == 0)
    #expect(!FileManager.default.fileExists(atPath: path))

    let (_, on) = Self.run([.line("she shrugs"), .line("/history on"), .line("what next?")], historyPath: path)
    #expect(on.saves == 2)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "she shrugs\n/history on\nwhat next?")

    let (output, later) = Self.run([.line("/history off")], historyPath: path)
    #expect(output.contains("Line history is on (/history off deletes it)."), "the banner says it is on")
    #expect(later.remembered.first == "she shrugs", "a later chat loads it")
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
