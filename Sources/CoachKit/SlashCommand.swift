/// A slash command of the consultation: `/help`, `/next`, ... One table holds them all, and
/// `/help` and tab completion are generated from it.
public struct SlashCommand: Sendable {
  /// The name without the slash.
  public var name: String
  /// What the argument is, for `/help` ("ID", "FILE"), or empty.
  public var argument: String
  /// One line on what it does.
  public var summary: String
  /// What it does to the consultation, and the text it answers with.
  let run: @Sendable (inout Consultation, String) -> Consultation.Response

  /// The commands, in the order `/help` lists them.
  public static let all: [SlashCommand] = [
    SlashCommand(name: "help", argument: "", summary: "list these commands") { consultation, _ in
      .text(consultation.helpText())
    },
    SlashCommand(name: "topics", argument: "", summary: "list what the coach knows, by kind") { consultation, _ in
      .text(consultation.renderer.renderTopics(consultation.coach.table))
    },
    SlashCommand(name: "show", argument: "ID", summary: "show the whole knowledge card of an intent") { consultation, argument in
      consultation.card(argument)
    },
    SlashCommand(name: "why", argument: "", summary: "which words and cues matched, and the scores") { consultation, _ in
      guard let reply = consultation.last else { return .text("Nothing to explain yet: describe what your client is doing.\n") }
      return .text(consultation.renderer.renderWhy(reply))
    },
    SlashCommand(name: "next", argument: "", summary: "walk the guidance one stage at a time") { consultation, _ in
      consultation.step(by: 1)
    },
    SlashCommand(name: "back", argument: "", summary: "go back one stage") { consultation, _ in
      consultation.step(by: -1)
    },
    SlashCommand(name: "stage", argument: "NAME", summary: "jump to a stage: acknowledge, validate, clarify, buy-in, case") { consultation, argument in
      consultation.jump(to: argument)
    },
    SlashCommand(name: "more", argument: "", summary: "show other readings of the last answer; a number takes one") { consultation, _ in
      consultation.alternatives()
    },
    SlashCommand(name: "reset", argument: "", summary: "forget this consult and start afresh") { consultation, _ in
      consultation.reset()
      return .text("Starting afresh: nothing from before is kept.\n")
    },
    SlashCommand(name: "save", argument: "FILE", summary: "save this consult as Markdown (/save! FILE overwrites)") { consultation, argument in
      consultation.save(to: argument, overwrite: false)
    },
    SlashCommand(name: "save!", argument: "FILE", summary: "save this consult, replacing FILE if it exists") { consultation, argument in
      consultation.save(to: argument, overwrite: true)
    },
    SlashCommand(name: "history", argument: "on|off", summary: "keep line history in a private file (off by default)") { consultation, argument in
      consultation.history(argument)
    },
    SlashCommand(name: "quit", argument: "", summary: "leave (Ctrl-D works too)") { _, _ in
      Consultation.Response(text: "", effect: .quit)
    },
  ]

  /// Finds a command by its exact name (no prefix matching: `/setx` is not `/set`).
  public static func named(_ name: String) -> SlashCommand? {
    if name == "exit" || name == "q" { return all.first { $0.name == "quit" } }
    if name == "?" { return all.first { $0.name == "help" } }
    return all.first { $0.name == name }
  }
}
