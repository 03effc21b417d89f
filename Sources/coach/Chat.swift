import CoachKit
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CoachCommand {
  /// The consult: a chat on a terminal, or one answer per line of standard input.
  enum Chat {
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
        if status != 0 { throw ExitStatus.Failure(status: status) }
      }
    }
  }

  /// One answer and exit.
  enum Ask {
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
  enum Intents {
    static func run(_ options: RunOptions) throws {
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
