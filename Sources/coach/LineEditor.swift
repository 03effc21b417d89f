import CEditLine
import CoachKit
#if canImport(Glibc)
  import Glibc
#endif

/// Reads lines from a terminal with libedit: editing, history, tab completion, Ctrl-C that
/// clears the line, and bracketed paste, so a pasted block arrives as one message.
final class LineEditor: LineReader {
  private let editor: OpaquePointer
  private let history: OpaquePointer
  /// The prompts, plain ASCII where the terminal's locale cannot show "›".
  private let prompts: (main: String, continuation: String)

  /// The slash commands Tab completes.
  nonisolated(unsafe) static var commands: [String] = []
  /// The intent ids Tab completes after `/show `.
  nonisolated(unsafe) static var intentIDs: [String] = []
  /// The stage names Tab completes after `/stage `.
  nonisolated(unsafe) static var stageNames: [String] = []
  /// Set by the Ctrl-C key, or by SIGINT between reads.
  nonisolated(unsafe) static var interrupted: sig_atomic_t = 0
  /// The lines of a multi-line paste after the first, which the paste handler left in the line.
  nonisolated(unsafe) static var pastedRest: [String]?

  /// Asks the terminal to wrap pasted text in ``pasteStart`` and ``pasteEnd``.
  static let pasteOn = "\u{1B}[?2004h"
  /// Turns bracketed paste off again.
  static let pasteOff = "\u{1B}[?2004l"
  /// What the terminal sends before pasted text.
  static let pasteStart = "\u{1B}[200~"
  /// What the terminal sends after pasted text.
  static let pasteEnd = "\u{1B}[201~"

  /// Opens libedit on the terminal, or nil when it cannot start.
  init?(commands: [String], intentIDs: [String]) {
    let utf8 = Self.useUTF8Locale()
    prompts = utf8 ? ("› ", "… ") : ("> ", ". ")
    guard let editor = coach_el_open("coach"), let history = coach_history_open(500) else { return nil }
    self.editor = editor
    self.history = history
    Self.commands = commands
    Self.intentIDs = intentIDs
    Self.stageNames = Guidance.Stage.Name.allCases.map(\.rawValue)
    coach_el_set_history(editor, history)
    coach_el_bind_function(editor, "coach-complete", "Complete a command or its argument", { editor, _ in
      LineEditor.complete(editor)
    }, "^I")
    coach_el_keep_ctrl_c(editor)
    coach_el_bind_function(editor, "coach-interrupt", "Clear the line", { editor, _ in
      LineEditor.interrupt(editor)
    }, "^C")
    coach_el_bind_function(editor, "coach-paste", "Take a bracketed paste as one message", { editor, _ in
      LineEditor.paste(editor)
    }, Self.pasteStart)
    coach_el_bind_function(editor, "coach-paste-end", "Ignore a stray end of paste", { _, _ in
      UInt8(CC_NORM)
    }, Self.pasteEnd)
    Self.installInterruptHandler()
    Self.writeOut(Self.pasteOn)
    Terminal.reset(onStop: Self.pasteOff)
  }

  deinit {
    Self.writeOut(Self.pasteOff)
    el_end(editor)
    history_end(history)
  }

  /// libedit decodes the prompt and what is typed with the C locale, which is ASCII until set:
  /// takes the user's locale, or C.UTF-8 when theirs is not UTF-8. Returns whether UTF-8 is on.
  static func useUTF8Locale() -> Bool {
    if setlocale(LC_CTYPE, "") != nil, isUTF8 { return true }
    for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil && isUTF8 {
      return true
    }
    setlocale(LC_CTYPE, "C")
    return false
  }

  /// Whether the C library's current character set is UTF-8.
  static var isUTF8: Bool {
    let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
    return codeset == "UTF-8" || codeset == "UTF8"
  }

  /// Ctrl-C between reads (while an answer is written) must not end the chat either.
  static func installInterruptHandler() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in LineEditor.interrupted = 1 }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0  // no SA_RESTART: the read returns EINTR
    sigaction(SIGINT, &action, nil)
  }

  func read(_ prompt: LinePrompt) -> LineInput {
    coach_el_set_prompt_text(prompt == .main ? prompts.main : prompts.continuation)
    Self.interrupted = 0
    Self.pastedRest = nil
    var count: Int32 = 0
    let raw = el_gets(editor, &count)
    if Self.interrupted != 0 {
      Self.interrupted = 0
      return .interrupted
    }
    guard let raw, count > 0 else { return .end }
    var line = String(cString: raw)
    if line.hasSuffix("\n") { line.removeLast() }
    guard let rest = Self.pastedRest else { return .line(line) }
    Self.pastedRest = nil
    Self.writeOut(rest.map { prompts.continuation + $0 + "\n" }.joined())
    return .paste(([line] + rest).joined(separator: "\n"))
  }

  func remember(_ line: String) {
    coach_history_add(history, line)
  }

  func loadHistory(from path: String) {
    _ = coach_history_load(history, path)
  }

  func saveHistory(to path: String) -> Bool {
    let folder = path.deletingLastPathComponent
    FileSystem.makeFolders(folder, mode: 0o700)
    do {
      try PrivateFile.write(to: path, overwrite: true) { coach_history_save(history, $0) >= 0 }
      return true
    } catch {
      return false
    }
  }

  /// Ctrl-C: shows "^C" at the end of the line and enters it; ``read(_:)`` drops the line.
  static func interrupt(_ editor: OpaquePointer?) -> UInt8 {
    interrupted = 1
    guard let editor else { return UInt8(CC_ERROR) }
    if let info = el_line(editor)?.pointee {
      el_cursor(editor, Int32(info.lastchar - info.cursor))
    }
    el_insertstr(editor, "^C")
    el_push(editor, "\n")
    return UInt8(CC_REFRESH)
  }

  /// Reads a bracketed paste up to its end marker. A paste of one line is put in the line for
  /// editing; a paste of several lines shows its first line, keeps the rest and enters the
  /// whole as one message.
  static func paste(_ editor: OpaquePointer?) -> UInt8 {
    guard let editor else { return UInt8(CC_ERROR) }
    let end = Array(pasteEnd.unicodeScalars)
    var scalars: [Unicode.Scalar] = []
    var character: wchar_t = 0
    while el_wgetc(editor, &character) == 1 {
      guard let scalar = Unicode.Scalar(UInt32(bitPattern: character)) else { continue }
      scalars.append(scalar)
      if scalars.count >= end.count, Array(scalars.suffix(end.count)) == end {
        scalars.removeLast(end.count)
        break
      }
    }
    let text = String(String.UnicodeScalarView(scalars))
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
      .map(String.init)
    while lines.count > 1, lines.last?.trimmingSpaces().isEmpty == true { lines.removeLast() }
    el_insertstr(editor, lines.first ?? "")
    guard lines.count > 1 else { return UInt8(CC_REFRESH) }
    pastedRest = Array(lines.dropFirst())
    el_push(editor, "\n")
    return UInt8(CC_REFRESH)
  }

  /// Completes the word before the cursor.
  static func complete(_ editor: OpaquePointer?) -> UInt8 {
    guard let editor, let info = el_line(editor)?.pointee else { return UInt8(CC_ERROR) }
    let length = info.cursor - info.buffer
    let before = String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(info.buffer).assumingMemoryBound(to: UInt8.self), count: length), as: UTF8.self)
    let candidates: [String]
    let word: String
    if let space = before.lastIndex(of: " ") {
      word = String(before[before.index(after: space)...])
      let head = before[..<space].trimmingSpaces()
      switch head {
      case "/show": candidates = intentIDs
      case "/stage": candidates = stageNames
      case "/history": candidates = ["on", "off"]
      default: candidates = []
      }
    } else if before.hasPrefix("/") {
      word = before
      candidates = commands.map { "/" + $0 }
    } else {
      return UInt8(CC_ERROR)
    }
    let matches = candidates.filter { $0.hasPrefix(word) }
    guard !matches.isEmpty else { return UInt8(CC_ERROR) }
    // The whole line is redrawn after an insertion, so the completed word reaches the terminal
    // in one piece rather than as the missing tail.
    if matches.count == 1 {
      el_insertstr(editor, String(matches[0].dropFirst(word.count)) + " ")
      return UInt8(CC_REDISPLAY)
    }
    let common = matches.dropFirst().reduce(matches[0]) { prefix, next in
      String(zip(prefix, next).prefix { $0 == $1 }.map(\.0))
    }
    if common.count > word.count {
      el_insertstr(editor, String(common.dropFirst(word.count)))
      return UInt8(CC_REDISPLAY)
    }
    writeOut("\n" + matches.joined(separator: "  ") + "\n")
    return UInt8(CC_REDISPLAY)
  }

  /// Writes straight to the terminal, outside the buffered standard output.
  static func writeOut(_ text: String) {
    _ = text.withCString { Glibc.write(STDOUT_FILENO, $0, strlen($0)) }
  }
}
