import ArgumentParser
import Testing

@testable import coach

/// The quick reading of common command lines agrees with swift-argument-parser, which stays
/// the definition of the interface.
@Suite struct QuickCommandLineTests {
  /// What swift-argument-parser makes of a command line, in the quick reader's terms; nil if
  /// it refuses it or it asks for another subcommand.
  static func parsed(_ arguments: [String]) -> QuickCommandLine? {
    guard let command = try? CoachCommand.parseAsRoot(arguments) else { return nil }
    var line = QuickCommandLine([])!
    if let ask = command as? CoachCommand.Ask {
      line.command = .ask(ask.text)
      line.options = ask.options.values
    } else if let chat = command as? CoachCommand.Chat {
      line.command = .chat
      line.options = chat.options.values
    } else {
      return nil
    }
    return line
  }

  /// Command lines the quick reader must take itself: what people type.
  static let common: [[String]] = [
    [], ["--json"], ["chat"], ["chat", "--json"], ["--color", "never"], ["--color=always", "--json"],
    ["--knowledge", "clinic"], ["--knowledge=clinic", "--knowledge", "more", "--json"],
    ["ask", "she just shrugs and says nothing"], ["ask", "she", "just", "shrugs"],
    ["ask", "--json", "court-ordered, says nothing"], ["ask", "he says it's pointless", "--json"],
    ["ask", "--knowledge", "clinic", "--color", "never", "she juggles"],
    ["ask", "--", "-5 on the scale, she says"], ["ask", "--json", "--", "--weird", "words"],
    ["ask", "how do I help her", "--color=auto"], ["ask", "  she shrugs  "],
  ]

  /// Command lines that look alike but mean something else, or are mistakes: the quick reader
  /// must leave them alone or read them exactly as swift-argument-parser does.
  static let tricky: [[String]] = [
    ["--help"], ["-h"], ["help"], ["--version"], ["ask"], ["ask", "--help"], ["ask", "-h"], ["ask", "help"],
    ["ask", ""], ["ask", "  "], ["ask", "--json"], ["ask", "she", "--jsn"], ["ask", "-j", "x"],
    ["ask", "--color", "blue", "x"], ["ask", "--color"], ["ask", "--color=", "x"], ["ask", "--knowledge"],
    ["ask", "--knowledge", "--json", "x"], ["ask", "--knowledge=", "x"], ["ask", "--json", "--json", "x"],
    ["ask", "--color", "never", "--color", "always", "x"], ["ask", "-", "x"], ["ask", "x", "--", "--json"],
    ["chat", "words"], ["words"], ["intents"], ["intents", "--json"], ["check"], ["eval", "file"],
    ["--json", "ask", "x"], ["--json", "words"], ["--json=1"], ["--json", "--json"], ["--color", "never", "ask", "x"],
    ["chat", "--", "x"], ["ask", "help", "me"], ["ask", "x", "help"], ["--generate-completion-script", "bash"],
    ["ask", "--knowledge", "a", "--knowledge", "b", "x"], ["--", "ask"], ["ask", "x", "-"], ["ask", "–json", "x"],
  ]

  @Test(arguments: common)
  func takesTheCommonCommandLines(arguments: [String]) throws {
    let quick = try #require(QuickCommandLine(arguments))
    #expect(quick == Self.parsed(arguments))
  }

  @Test(arguments: tricky)
  func readsOthersAsTheParserDoesOrNotAtAll(arguments: [String]) {
    guard let quick = QuickCommandLine(arguments) else { return }
    #expect(quick == Self.parsed(arguments), "read quickly as \(quick)")
  }

  @Test func readsWhatItTakes() throws {
    let line = try #require(QuickCommandLine(["ask", "--knowledge=a", "she", "--color", "never", "--knowledge", "b", "shrugs"]))
    #expect(line.command == .ask(["she", "shrugs"]))
    #expect(line.options == RunOptions(knowledge: ["a", "b"], json: false, color: .never))
  }
}
