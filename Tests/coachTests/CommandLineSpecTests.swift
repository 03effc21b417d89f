import CoachKit
import Foundation
import Testing

@testable import coach

/// The command line: what each command line reads as, the errors for the ones that cannot be
/// read, and the help, man page and completions made from the same tables.
@Suite struct CommandLineSpecTests {
  typealias Spec = CommandLineSpec

  static func run(_ arguments: [String]) throws -> Spec.Invocation {
    guard case .run(let invocation) = try Spec.parse(arguments) else { throw Spec.UsageError(message: "not a run", command: nil) }
    return invocation
  }

  @Test func readsWhatPeopleType() throws {
    #expect(try Self.run([]) == Spec.Invocation(command: "chat"))
    #expect(try Self.run(["--json"]).options.json)
    #expect(try Self.run(["chat", "--color", "never"]).options.color == .never)
    #expect(try Self.run(["--color=always"]).options.color == .always)
    let ask = try Self.run(["ask", "--knowledge=a", "she", "--color", "never", "--knowledge", "b", "shrugs"])
    #expect(ask.command == "ask")
    #expect(ask.arguments == ["she", "shrugs"])
    #expect(ask.options == RunOptions(knowledge: ["a", "b"], json: false, color: .never))
    #expect(try Self.run(["ask", "--", "-5 on the scale", "--json"]).arguments == ["-5 on the scale", "--json"])
    #expect(try Self.run(["ask", "how do I help her"]).arguments == ["how do I help her"])
    let check = try Self.run(["check", "--verbose", "--set", "threshold=0.3", "--set=bigramWeight=0.2"])
    #expect(check.verbose && check.settings == ["threshold=0.3", "bigramWeight=0.2"])
    #expect(try Self.run(["eval", "labelled.jsonl", "--json"]).arguments == ["labelled.jsonl"])
    #expect(try Self.run(["intents", "--json"]).command == "intents")
  }

  @Test func answersHelpVersionAndGenerators() throws {
    #expect(try Spec.parse(["--help"]) == .help(nil))
    #expect(try Spec.parse(["-h"]) == .help(nil))
    #expect(try Spec.parse(["help"]) == .help(nil))
    #expect(try Spec.parse(["help", "ask"]) == .help("ask"))
    #expect(try Spec.parse(["ask", "--help"]) == .help("ask"))
    #expect(try Spec.parse(["check", "-h"]) == .help("check"))
    #expect(try Spec.parse(["--version"]) == .version)
    #expect(try Spec.parse(["--generate-completion-script", "zsh"]) == .completionScript(.zsh))
    #expect(try Spec.parse(["--generate-manual"]) == .manual)
  }

  @Test(arguments: [
    (["ask"], "Missing expected argument '<text> ...'"),
    (["ask", "  "], "Say what the client is doing"),
    (["ask", "--json"], "Missing expected argument"),
    (["ask", "--color", "blue", "x"], "The value 'blue' is invalid for '--color <when>'"),
    (["ask", "--color"], "Missing value for '--color <when>'"),
    (["ask", "--knowledge", "--json", "x"], "Missing value for '--knowledge <dir>'"),
    (["ask", "--jsn", "x"], "Unknown option '--jsn'"),
    (["ask", "-j", "x"], "Unknown option '-j'"),
    (["ask", "--json=1", "x"], "The flag '--json' does not take a value"),
    (["words"], "Unexpected argument 'words'"),
    (["chat", "x"], "Unexpected argument 'x'"),
    (["--json", "ask", "x"], "Unexpected argument 'ask'"),
    (["eval"], "Missing expected argument '<file>'"),
    (["eval", "a", "b"], "Unexpected argument 'b'"),
    (["check", "--set"], "Missing value for '--set <name=value>'"),
    (["help", "bogus"], "Unknown subcommand 'bogus'"),
    (["help", "ask", "x"], "Unexpected argument 'x'"),
    (["--generate-completion-script", "tcsh"], "takes one of: bash, zsh, fish"),
  ])
  func refusesWhatItCannotRead(arguments: [String], message: String) {
    #expect(throws: Spec.UsageError.self) { try Spec.parse(arguments) }
    do {
      _ = try Spec.parse(arguments)
    } catch {
      #expect(error.message.contains(message), "\(error.message)")
      let text = Spec.errorText(error)
      #expect(text.hasPrefix("Error: ") && text.contains("\nUsage: coach") && text.contains("--help' for more information."))
    }
  }

  @Test func helpListsEverySubcommandAndOption() {
    let root = Spec.help(nil)
    #expect(root.contains("USAGE: coach <subcommand>"))
    let listed = root.split(separator: "SUBCOMMANDS:")[1].split(separator: "\n").compactMap { line -> String? in
      line.hasPrefix("  ") && !line.hasPrefix("   ") && !line.contains("See 'coach") ? String(line.dropFirst(2).prefix { $0 != " " }) : nil
    }
    #expect(listed == Spec.commands.map(\.name))
    for command in Spec.commands {
      let help = Spec.help(command.name)
      #expect(help.contains("USAGE: coach \(command.name)"))
      for option in command.options { #expect(help.contains("--\(option.name)"), "\(command.name) help lacks --\(option.name)") }
      // Wrapped to 80 columns, but for the usage line, which stays one line to copy.
      for line in help.split(separator: "\n") where !line.hasPrefix("USAGE:") { #expect(line.count <= 80, "\(line)") }
    }
  }

  @Test func manPageInTheRepositoryIsTheGeneratedOne() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/coach.1").standardized.path
    let saved = try String(contentsOfFile: path, encoding: .utf8)
    let date = try #require(saved.split(separator: "\n").first { $0.hasPrefix(".Dd ") }).dropFirst(4)
    // A stale docs/coach.1 fails here: `coach --generate-manual > docs/coach.1` (README, Install).
    #expect(saved == Spec.manual(date: String(date)))
    for command in Spec.commands {
      #expect(saved.contains(".It Em \(command.name)\n"))
    }
  }

  @Test func completionScriptsNameEveryCommandAndOption() throws {
    for shell in Spec.Shell.allCases {
      let script = Spec.completionScript(shell)
      for command in Spec.commands {
        #expect(script.contains(command.name), "\(shell) lacks \(command.name)")
        for option in command.options { #expect(script.contains(option.name), "\(shell) lacks --\(option.name)") }
      }
    }
    // The bash script at least parses.
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("coach-completion-\(getpid()).bash")
    try Spec.completionScript(.bash).write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let bash = Process()
    bash.executableURL = URL(fileURLWithPath: "/bin/bash")
    bash.arguments = ["-n", file.path]
    try bash.run()
    bash.waitUntilExit()
    #expect(bash.terminationStatus == 0)
  }
}
