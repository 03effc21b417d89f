import CEditLine
import CoachKit
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads lines from a terminal with libedit: editing, in-memory history, tab completion.
final class LineEditor {
  /// What reading a line gave.
  enum Input {
    case line(String)
    /// Ctrl-C: the line was cleared.
    case interrupted
    /// Ctrl-D on an empty line.
    case end
  }

  private let editor: OpaquePointer
  private let history: OpaquePointer

  /// The words Tab completes: slash commands, and intent ids after `/show `.
  nonisolated(unsafe) static var commands: [String] = []
  nonisolated(unsafe) static var intentIDs: [String] = []
  nonisolated(unsafe) static var stageNames: [String] = []
  /// Set by the SIGINT handler.
  nonisolated(unsafe) static var interrupted: sig_atomic_t = 0

  init?(commands: [String], intentIDs: [String]) {
    guard let editor = coach_el_open("coach"), let history = coach_history_open(500) else { return nil }
    self.editor = editor
    self.history = history
    Self.commands = commands
    Self.intentIDs = intentIDs
    Self.stageNames = Guidance.Stage.Name.allCases.map(\.rawValue)
    coach_el_set_history(editor, history)
    coach_el_bind_function(editor, "coach-complete", "Complete a command or intent id", { editor, _ in
      LineEditor.complete(editor)
    }, "^I")
    Self.installInterruptHandler()
  }

  deinit {
    el_end(editor)
    history_end(history)
  }

  /// Ctrl-C interrupts the read instead of ending the process; the REPL clears the line.
  static func installInterruptHandler() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in LineEditor.interrupted = 1 }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0  // no SA_RESTART: the read returns EINTR
    sigaction(SIGINT, &action, nil)
  }

  /// Reads one line with a prompt.
  func read(prompt: String) -> Input {
    coach_el_set_prompt_text(prompt)
    Self.interrupted = 0
    var count: Int32 = 0
    guard let raw = el_gets(editor, &count), count > 0 else {
      if Self.interrupted != 0 || errno == EINTR {
        Self.interrupted = 0
        el_reset(editor)
        return .interrupted
      }
      return .end
    }
    var line = String(cString: raw)
    if line.hasSuffix("\n") { line.removeLast() }
    return .line(line)
  }

  /// Adds a line to the in-memory history.
  func remember(_ line: String) {
    coach_history_add(history, line)
  }

  /// Loads history from a file, if it exists.
  func loadHistory(from path: String) {
    _ = coach_history_load(history, path)
  }

  /// Saves history to a file readable by its owner only.
  func saveHistory(to path: String) -> Bool {
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let old = umask(0o077)
    defer { umask(old) }
    let ok = coach_history_save(history, path) >= 0
    chmod(path, 0o600)
    return ok
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
      let head = before[..<space].trimmingCharacters(in: .whitespaces)
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
    if matches.count == 1 {
      let rest = String(matches[0].dropFirst(word.count)) + " "
      el_insertstr(editor, rest)
      return UInt8(CC_REFRESH)
    }
    let common = matches.dropFirst().reduce(matches[0]) { prefix, next in
      String(zip(prefix, next).prefix { $0 == $1 }.map(\.0))
    }
    if common.count > word.count {
      el_insertstr(editor, String(common.dropFirst(word.count)))
      return UInt8(CC_REFRESH)
    }
    let list = "\n" + matches.joined(separator: "  ") + "\n"
    _ = list.withCString { Glibc.write(STDOUT_FILENO, $0, strlen($0)) }
    return UInt8(CC_REDISPLAY)
  }
}
