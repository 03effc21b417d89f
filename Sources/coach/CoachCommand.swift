import CoachKit
import CoachKnowledge
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `coach`: what to do when a client resists.
@main
enum CoachCommand {
  static let version = "0.1.0"

  /// Reads the command line (``CommandLineSpec``) and runs it.
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
    let request: CommandLineSpec.Request
    do {
      request = try CommandLineSpec.parse(arguments)
    } catch {
      Terminal.standardError.write(CommandLineSpec.errorText(error))
      exit(ExitStatus.usage)
    }
    var out = Terminal.standardOutput
    switch request {
    case .help(let command):
      out.write(CommandLineSpec.help(command))
    case .version:
      out.write("coach \(version)\n")
    case .manual:
      out.write(CommandLineSpec.manual(date: today()))
    case .completionScript(let shell):
      out.write(CommandLineSpec.completionScript(shell))
    case .run(let invocation):
      do {
        try run(invocation)
      } catch let error as CommandLineSpec.UsageError {
        Terminal.standardError.write(CommandLineSpec.errorText(error))
        exit(ExitStatus.usage)
      } catch let error as ExitStatus.Failure {
        Terminal.standardOutput.flush()
        exit(error.status)
      } catch {
        Terminal.standardError.write("Error: \(error)\n")
        exit(1)
      }
    }
    out.flush()
    Terminal.standardOutput.flush()
  }

  /// Runs a subcommand.
  static func run(_ invocation: CommandLineSpec.Invocation) throws {
    let options = invocation.options
    switch invocation.command {
    case "ask": try Ask.run(invocation.arguments, options)
    case "intents": try Intents.run(options)
    case "check": try Check.run(options, verbose: invocation.verbose, settings: tuning(invocation.settings))
    case "eval": try Eval.run(invocation.arguments.first ?? "", options, settings: tuning(invocation.settings))
    default: try Chat.run(options)
    }
  }

  /// Today's date as a man page gives it ("November 27, 2026"), in UTC.
  static func today() -> String {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    return "\(months[Int(parts.tm_mon) % 12]) \(parts.tm_mday), \(Int(parts.tm_year) + 1900)"
  }

  /// The matcher settings of `--set name=value` options.
  static func tuning(_ assignments: [String]) throws -> Matcher.Settings {
    var settings = Matcher.Settings()
    for assignment in assignments {
      let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let value = Double(parts[1]), settings.set(parts[0], to: value) else {
        throw CommandLineSpec.UsageError(
          message: "--set takes name=value with a number, name one of: \(Matcher.Settings.names.joined(separator: ", "))", command: nil)
      }
    }
    return settings
  }
}

/// The global options' values.
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
      throw ExitStatus.Failure(status: missing ? ExitStatus.noInput : ExitStatus.dataError)
    }
  }

  /// Whether to colour output written to standard output.
  var useColor: Bool {
    switch color {
    case .always: true
    case .never: false
    case .auto: Terminal.isTerminal(STDOUT_FILENO) && (FileSystem.environment("NO_COLOR") ?? "").isEmpty
    }
  }

  /// A renderer fitted to standard output.
  var renderer: TextRenderer {
    TextRenderer(width: Terminal.width(STDOUT_FILENO), color: useColor)
  }
}

/// When to colour.
enum ColorChoice: String, CaseIterable, Equatable {
  case auto, always, never
}

/// The exit statuses, from sysexits(3).
enum ExitStatus {
  static let usage: Int32 = 64
  static let dataError: Int32 = 65
  static let noInput: Int32 = 66
  static let ioError: Int32 = 74
  static let interrupted: Int32 = 130

  /// Ends the command with a status, its message already written.
  struct Failure: Error {
    var status: Int32
  }
}
