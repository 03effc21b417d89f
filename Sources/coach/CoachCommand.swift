import ArgumentParser
import CoachKit
import CoachKnowledge
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation  // which brings Darwin along
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// `coach`: what to do when a client resists.
@main
struct CoachCommand: ParsableCommand {
  static let version = "0.1.0"

  /// Runs the command line: the common ones (`coach ask ...`, `coach [chat]` with the global
  /// options) straight away, everything else through swift-argument-parser.
  static func main() {
    // Read from argv directly: `CommandLine.arguments` builds the same strings through generic
    // code whose type metadata costs a start-up more than the strings do.
    var arguments: [String] = []
    arguments.reserveCapacity(Int(CommandLine.argc))
    var index = 1
    while index < Int(CommandLine.argc), let argument = CommandLine.unsafeArgv[index] {
      arguments.append(String(cString: argument))
      index += 1
    }
    guard let quick = QuickCommandLine(arguments) else { return main(arguments) }
    do {
      try quick.run()
    } catch {
      exit(withError: error)
    }
  }

  static let configuration = CommandConfiguration(
    commandName: "coach",
    abstract: "What to do next when a client resists: staged guidance from a consult in your terminal.",
    discussion: """
      Describe what your client is doing ("court-ordered, just shrugs and says nothing") or \
      ask a question ("what is rolling with resistance?"). With no subcommand, coach opens a \
      chat on a terminal (type /help there), or answers each line of standard input when it \
      is not a terminal.

      Examples:
        coach                                  a chat on a terminal
        coach ask "she just shrugs"            one answer, then exit
        coach --json < notes.txt               one JSON line per input line
        coach ask --knowledge ~/clinic "..."   with your own intents added

      Nothing you type is written anywhere unless you ask (/save, /history on).

      Exit status: 0 success, 64 usage error, 65 bad knowledge data, 66 missing input file \
      or folder, 74 error reading standard input, 130 interrupted.
      """,
    version: "coach \(version)",
    // Each subcommand names itself (`commandName:`): otherwise swift-argument-parser derives
    // the name with String(describing:), whose first dynamic cast scans every protocol
    // conformance in the binary at start-up.
    subcommands: [Chat.self, Ask.self, Intents.self, Check.self, Eval.self],
    defaultSubcommand: Chat.self
  )
}

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Add or replace intents from a folder of knowledge files (repeatable).", valueName: "dir"))
  var knowledge: [String] = []

  @Flag(name: .long, help: "Write JSON (JSON Lines for several answers) instead of text.")
  var json = false

  @Option(name: .long, help: ArgumentHelp("Colour: auto (only on a terminal, never with NO_COLOR), always or never.", valueName: "when"))
  var color: ColorChoice = .auto

  /// The values given, apart from the parser.
  var values: RunOptions { RunOptions(knowledge: knowledge, json: json, color: color) }
}

/// The global options' values, however they were read (see ``QuickCommandLine``).
struct RunOptions: Equatable {
  var knowledge: [String] = []
  var json = false
  var color: ColorChoice = .auto

  /// Loads the coach, or exits with the knowledge errors (65) or a missing folder (66).
  func loadCoach(settings: Matcher.Settings = Matcher.Settings()) throws -> Coach {
    do {
      return try Coach.load(adding: knowledge, settings: settings)
    } catch {
      for problem in error.errors { Terminal.standardError.write(problem.description + "\n") }
      let missing = error.errors.contains { if case .missingInput = $0 { true } else { false } }
      throw ExitCode(missing ? ExitStatus.noInput : ExitStatus.dataError)
    }
  }

  /// Whether to colour output written to standard output.
  var useColor: Bool {
    switch color {
    case .always: true
    case .never: false
    case .auto: Terminal.isTerminal(STDOUT_FILENO) && (Terminal.environment("NO_COLOR") ?? "").isEmpty
    }
  }

  /// A renderer fitted to standard output.
  var renderer: TextRenderer {
    TextRenderer(width: Terminal.width(STDOUT_FILENO), color: useColor)
  }
}

/// When to colour.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Equatable {
  case auto, always, never
}

/// The exit statuses, from sysexits(3).
enum ExitStatus {
  static let usage: Int32 = 64
  static let dataError: Int32 = 65
  static let noInput: Int32 = 66
  static let ioError: Int32 = 74
  static let interrupted: Int32 = 130
}
