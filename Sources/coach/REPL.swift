import CoachKit
import Foundation

/// The chat on a terminal: a banner, a prompt, answers, and slash commands.
struct REPL {
  var consultation: Consultation
  var historyPath: String?

  init(coach: Coach, renderer: TextRenderer) {
    consultation = Consultation(coach: coach, renderer: renderer, format: .text)
    consultation.directory = FileManager.default.currentDirectoryPath
  }

  mutating func run() {
    Terminal.ignoreBrokenPipe()
    let commands = SlashCommand.all.map(\.name)
    guard let editor = LineEditor(commands: commands, intentIDs: consultation.coach.table.intents.map(\.id)) else {
      Terminal.standardError.write("coach: cannot start line editing on this terminal\n")
      return
    }
    let banner = "coach \(CoachCommand.version) · describe what your client is doing, or ask a question · /help\n"
      + "Not supervision or emergency help. Nothing you type is kept unless you /save or turn /history on.\n"
    write(consultation.renderer.color ? "\u{1B}[1m" + banner + "\u{1B}[0m" : banner)
    var interrupts = 0
    while true {
      switch editor.read(prompt: "› ") {
      case .end:
        write("\n")
        finish(editor)
        return
      case .interrupted:
        interrupts += 1
        write("\n(line cleared: type /quit or press Ctrl-D to leave)\n")
      case .line(let line):
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
        editor.remember(line)
        let response = consultation.handle(line)
        switch response.effect {
        case .quit:
          finish(editor)
          return
        case .history(let on):
          historyPath = on ? HistoryFile.path() : nil
          if let historyPath { editor.loadHistory(from: historyPath) }
        case nil: break
        }
        write(response.text + (response.text.isEmpty ? "" : "\n"))
      }
    }
  }

  func finish(_ editor: LineEditor) {
    if let historyPath, !editor.saveHistory(to: historyPath) {
      Terminal.standardError.write("coach: could not save history to \(historyPath)\n")
    }
  }

  func write(_ text: String) {
    Terminal.standardOutput.write(text)
    Terminal.standardOutput.flush()
  }
}
