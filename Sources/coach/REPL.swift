import CoachKit
#if canImport(Glibc)
  import Glibc
#endif

/// The chat on a terminal: a banner, a prompt, answers, slash commands, `"""` blocks and
/// pasted blocks, and line history kept only while the user has turned it on.
struct REPL {
  /// The consult the lines go to.
  var consultation: Consultation
  /// Where history is kept when it is on; the file's existence is the setting.
  let historyPath: String?
  /// Whether lines are being kept in the history file.
  var historyOn = false

  /// A chat on a coach; history, when on, goes to `historyPath`.
  init(coach: Coach, renderer: TextRenderer, historyPath: String? = HistoryFile.path()) {
    consultation = Consultation(coach: coach, renderer: renderer, format: .text)
    consultation.directory = FileSystem.currentDirectory
    self.historyPath = historyPath
  }

  /// Runs the chat on the terminal.
  mutating func run() {
    Terminal.ignoreBrokenPipe()
    let commands = SlashCommand.all.map(\.name)
    guard var editor = LineEditor(commands: commands, intentIDs: consultation.coach.table.intents.map(\.id)) else {
      Terminal.standardError.write("coach: cannot start line editing on this terminal\n")
      return
    }
    run(reading: &editor) { text in
      Terminal.standardOutput.write(text)
      Terminal.standardOutput.flush()
    }
  }

  /// Runs the chat on any source of lines, writing through `write`.
  mutating func run(reading reader: inout some LineReader, write: (String) -> Void) {
    if let historyPath, FileSystem.exists(historyPath) {
      historyOn = true
      reader.loadHistory(from: historyPath)
    }
    let title = "coach \(CoachCommand.version) · describe what your client is doing, or ask a question · /help"
    let notice = historyOn
      ? "Not supervision or emergency help. Line history is on (/history off deletes it)."
      : "Not supervision or emergency help. Nothing you type is kept unless you /save or turn /history on."
    let renderer = consultation.renderer
    write(renderer.bold(renderer.wrap(title, indent: 0)) + "\n" + renderer.dim(renderer.wrap(notice, indent: 0)) + "\n")
    while true {
      let response: Consultation.Response
      switch reader.read(consultation.isCollectingBlock ? .continuation : .main) {
      case .end:
        write("\n")
        return
      case .interrupted:
        write(consultation.cancelBlock()
          ? "(block dropped: type /quit or press Ctrl-D to leave)\n"
          : "(line cleared: type /quit or press Ctrl-D to leave)\n")
        continue
      case .line(let line):
        guard consultation.isCollectingBlock || !line.allSatisfy(\.isWhitespace) else { continue }
        keep(line, in: &reader, write: write)
        response = consultation.handle(consultation.isCollectingBlock ? line : Self.command(for: line))
      case .paste(let message):
        keep(message.split(whereSeparator: \.isNewline).joined(separator: " "), in: &reader, write: write)
        response = consultation.handle(message: message)
      }
      switch response.effect {
      case .quit: return
      case .history(let on): setHistory(on, reader: &reader, write: write)
      case nil: break
      }
      if !response.text.isEmpty { write(response.text + "\n") }
    }
  }

  /// A line alone that a user of psql or sqlite3 types to leave or ask for help ("quit",
  /// "exit", "\\q", ".help") is that command, not a description to match.
  static func command(for line: String) -> String {
    switch line.trimmingWhiteSpace().lowercased() {
    case "quit", "exit", "q", "\\q", ".quit", ".exit", ":q", "bye": "/quit"
    case "help", "\\?", "\\h", ".help", "?": "/help"
    default: line
    }
  }

  /// Adds a line to the in-memory history, and to the file while history is on.
  func keep(_ line: String, in reader: inout some LineReader, write: (String) -> Void) {
    reader.remember(line)
    if historyOn, let historyPath, !reader.saveHistory(to: historyPath) {
      write("coach: could not save history to \(historyPath)\n")
    }
  }

  /// Turns history on (saving what is in memory now) or off (deleting the file).
  mutating func setHistory(_ on: Bool, reader: inout some LineReader, write: (String) -> Void) {
    guard let historyPath else {
      write("coach: no home folder is known, so history cannot be kept\n")
      return
    }
    historyOn = on
    if on {
      if !reader.saveHistory(to: historyPath) { write("coach: could not save history to \(historyPath)\n") }
    } else if FileSystem.exists(historyPath), unlink(historyPath) != 0 {
      write("coach: could not delete \(historyPath): \(String(cString: strerror(errno)))\n")
    }
  }
}
