import ArgumentParser
import CoachKit
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CoachCommand {
  /// The consult: a chat on a terminal, or one answer per line of standard input.
  struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "chat",
      abstract: "Consult the coach (the default): a chat on a terminal, one answer per input line otherwise.")

    @OptionGroup var options: GlobalOptions

    func run() throws { try Self.run(options.values) }

    static func run(_ options: RunOptions) throws {
      let coach = try options.loadCoach()
      if Terminal.isTerminal(STDIN_FILENO) && !options.json {
        var repl = REPL(coach: coach, renderer: options.renderer)
        repl.run()
      } else {
        var session = StreamSession(
          coach: coach, format: options.json ? .json : .text,
          renderer: TextRenderer(width: Terminal.width(STDOUT_FILENO), color: options.useColor)
        )
        let status = session.run()
        if status != 0 { throw ExitCode(status) }
      }
    }
  }

  /// One answer and exit.
  struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ask", abstract: "Answer one description or question, then exit.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "What the client is doing, or your question (quote it, or give several words).")
    var text: [String]

    func validate() throws {
      if text.joined().trimmingSpaces().isEmpty {
        throw ValidationError("Say what the client is doing, e.g. coach ask \"she just shrugs\".")
      }
    }

    func run() throws { try Self.run(text, options.values) }

    static func run(_ text: [String], _ options: RunOptions) throws {
      let coach = try options.loadCoach()
      var consultation = Consultation(coach: coach, renderer: options.renderer, format: options.json ? .json : .text)
      consultation.asksWhenUnsure = false
      // Joined by hand: the generic `joined(separator:)` resolves its types at run time, which
      // a cold start pays for.
      var line = text.first ?? ""
      for word in text.dropFirst() { line += " " + word }
      Terminal.standardOutput.write(consultation.handle(line).text)
      Terminal.standardOutput.flush()
    }
  }

  /// The intent table.
  struct Intents: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "intents",
      abstract: "List the intents: id, title, kind, and (with --json) the example phrases they are built from.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
      let options = options.values
      let coach = try options.loadCoach()
      if options.json {
        Terminal.standardOutput.write(JSONRenderer.table(coach.table).serialized() + "\n")
      } else {
        Terminal.standardOutput.write(options.renderer.renderTopics(coach.table))
      }
      Terminal.standardOutput.flush()
    }
  }
}
