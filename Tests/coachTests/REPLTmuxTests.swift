import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The chat as a person uses it: the built binary in a tmux pane, keys sent one by one and
/// the screen read back with `capture-pane`. Each test has its own tmux server, killed at the end.
@Suite(.serialized, .enabled(if: TmuxPane.isInstalled, "needs tmux (the CI script installs it)"))
struct REPLTmuxTests {
  @Test func aDescriptionAFollowUpAndNext() throws {
    let pane = try TmuxPane()
    try pane.waitFor("› ")
    pane.enter("court-ordered, she just sits there in silence when we talk about her drinking")
    try pane.waitFor("No response · sign of resistance · with: mandated client")
    pane.enter("what if she gets angry?")
    let screen = try pane.waitFor("Hostility · sign of resistance · with: mandated client")
    #expect(screen.contains("Keeping what you told me: she · mandated · topic: her drinking."))
    pane.enter("/next")
    let next = try pane.waitFor("Hostility · stage 1 of 5")
    #expect(next.contains(" 1 Acknowledge    Stay calm"))
    #expect(next.hasSuffix("\n›"), "back at the prompt")
  }

  @Test func tabCompletesACommandAndAnIntentID() throws {
    let pane = try TmuxPane()
    try pane.waitFor("› ")
    pane.type("/sh")
    pane.press("Tab")
    try pane.waitFor("› /show", atEnd: true)
    pane.type("no-re")
    try pane.waitFor("› /show no-re", atEnd: true)
    pane.press("Tab")
    try pane.waitFor("› /show no-response", atEnd: true)
    pane.press("Enter")
    try pane.waitFor("No response · no-response · sign of resistance")
  }

  @Test func controlCClearsTheLineAndSaysHowToLeave() throws {
    let pane = try TmuxPane()
    try pane.waitFor("› ")
    pane.type("she just shru")
    try pane.waitFor("› she just shru", atEnd: true)
    pane.press("C-c")
    let screen = try pane.waitFor("(line cleared: type /quit or press Ctrl-D to leave)\n› ")
    #expect(pane.exitStatus == nil, "still running")
    pane.enter("/next")
    let after = try pane.waitFor("No guidance to walk yet")
    #expect(!after.contains("› she just shru/next"), "the cleared text was not kept")
    #expect(screen.contains("› she just shru^C"))
  }

  @Test func controlDLeaves() throws {
    let pane = try TmuxPane()
    try pane.waitFor("› ")
    pane.press("C-d")
    try pane.waitUntil("the chat ends") { pane.exitStatus != nil }
    #expect(pane.exitStatus == 0)
  }

  @Test func aTripleQuoteBlockHasAContinuationPromptAndIsOneMessage() throws {
    let pane = try TmuxPane()
    try pane.waitFor("› ")
    pane.enter("\"\"\"")
    try pane.waitFor("… ", atEnd: true)
    pane.enter("he just")
    pane.enter("sits there saying nothing")
    try pane.waitFor("… sits there saying nothing\n… ", atEnd: true)
    pane.enter("\"\"\"")
    let screen = try pane.waitFor("No response · sign of resistance")
    #expect(screen.components(separatedBy: "confidence ").count == 2, "one answer for the block")
  }

  @Test func aPastedBlockArrivesAsOneMessage() throws {
    let pane = try TmuxPane()
    try pane.waitFor("› ")
    pane.paste("she wrote to me:\nyou are useless and this is a waste of my time\nI am not coming back\n")
    var screen = ""
    try pane.waitUntil("an answer and the prompt again") {
      screen = pane.screen()
      return (screen.contains("confidence ") || screen.contains("could be read two ways")) && screen.hasSuffix("\n›")
    }
    #expect(screen.contains("› she wrote to me:\n… you are useless and this is a waste of my time\n… I am not coming back\n"))
    // One reply for the paste: an answer, or the question the coach asks when two readings are close.
    let replies = screen.components(separatedBy: "confidence ").count - 1 + screen.components(separatedBy: "could be read two ways").count - 1
    #expect(replies == 1, "one reply for the paste")
    #expect(!screen.contains("› you are useless"), "the second line was not sent on its own")
  }

  @Test func historyIsOffByDefaultAndPrivateWhenTurnedOn() throws {
    let pane = try TmuxPane()
    let history = pane.stateFolder + "/coach/history"
    try pane.waitFor("› ")
    pane.enter("she shrugs and says nothing")
    try pane.waitFor("Related:")
    #expect(!FileManager.default.fileExists(atPath: history), "nothing is kept unless asked")
    pane.enter("/history on")
    try pane.waitFor("History on")
    let mode = try FileManager.default.attributesOfItem(atPath: history)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let kept = try String(contentsOfFile: history, encoding: .utf8)
    #expect(kept.contains("shrugs"))
    pane.enter("/history off")
    try pane.waitFor("History off")
    #expect(!FileManager.default.fileExists(atPath: history), "turning it off deletes what was kept")
  }
}

/// A tmux server of its own running the built `coach` in one pane.
final class TmuxPane {
  /// Whether tmux is on the PATH.
  static let isInstalled = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].contains {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// The server's socket name, unique to this process and pane.
  let socket = "coach-test-\(getpid())-\(UUID().uuidString.prefix(8))"
  /// A private `$XDG_STATE_HOME` and `$HOME`, removed at the end.
  let stateFolder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-tmux-\(UUID().uuidString)").path
  /// Where the pane's shell writes the chat's exit status when it ends.
  var statusFile: String { stateFolder + "/exit-status" }
  /// The socket's file, which tmux leaves behind when its server exits.
  private var socketPath = ""

  /// Starts the server and the chat. The chat is ended after two minutes even if a test dies
  /// without killing the server; the server then exits with it, as its only pane is gone.
  init(width: Int = 100, height: Int = 50) throws {
    try FileManager.default.createDirectory(atPath: stateFolder, withIntermediateDirectories: true)
    let chat = #"timeout --foreground 120 env -u COLUMNS -u NO_COLOR LANG=C.UTF-8 HOME="$1" XDG_STATE_HOME="$1" "$2" --color never; echo $? > "$1/exit-status""#
    let command = ["exec sh -c", Self.quoted(chat), "sh", Self.quoted(stateFolder), Self.quoted(CoachBinary.url.path)].joined(separator: " ")
    try tmux([
      "start-server", ";", "set-option", "-g", "history-limit", "5000", ";",
      "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-c", stateFolder, command,
    ])
    socketPath = try tmux(["display-message", "-p", "#{socket_path}"]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  deinit {
    _ = try? tmux(["kill-server"])
    if !socketPath.isEmpty { unlink(socketPath) }
    try? FileManager.default.removeItem(atPath: stateFolder)
  }

  static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

  /// Types text literally.
  func type(_ text: String) { _ = try? tmux(["send-keys", "-l", text]) }

  /// Types a line and presses Enter.
  func enter(_ line: String) {
    type(line)
    press("Enter")
  }

  /// Presses a key by its tmux name: "Enter", "Tab", "C-c", "C-d".
  func press(_ key: String) { _ = try? tmux(["send-keys", key]) }

  /// Pastes text the way a terminal does, inside bracketed-paste markers when the program asked for them.
  func paste(_ text: String) {
    _ = try? tmux(["set-buffer", "--", text])
    _ = try? tmux(["paste-buffer", "-p", "-d"])
  }

  /// The screen and its scrollback, trailing blank lines and spaces removed.
  func screen() -> String {
    let text = (try? tmux(["capture-pane", "-p", "-J", "-S", "-"])) ?? ""
    let lines = text.components(separatedBy: "\n").map { line in
      String(line.reversed().drop { $0 == " " }.reversed())
    }
    return lines.reversed().drop { $0.isEmpty }.reversed().joined(separator: "\n")
  }

  /// The chat's exit status once it has ended, or nil while it runs.
  var exitStatus: Int32? {
    (try? String(contentsOfFile: statusFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
  }

  /// Waits until the screen shows `text` (at its very end, if asked, where the cursor is);
  /// returns the screen. The deadline only guards against hanging.
  @discardableResult
  func waitFor(_ text: String, atEnd: Bool = false, deadline: TimeInterval = 30) throws -> String {
    var screen = ""
    try waitUntil("the screen shows “\(text)”", deadline: deadline) {
      screen = self.screen()
      // The cursor line keeps the prompt's trailing space, which screen() trims.
      let wanted = text.hasSuffix(" ") ? String(text.dropLast()) : text
      return atEnd ? screen.hasSuffix(wanted) : screen.contains(wanted)
    }
    return text.hasSuffix(" ") && !screen.hasSuffix(" ") ? screen + " " : screen
  }

  /// Polls a condition until it holds; throws with the screen if it never does.
  func waitUntil(_ what: String, deadline: TimeInterval = 30, _ condition: () -> Bool) throws {
    let end = Date().addingTimeInterval(deadline)
    while !condition() {
      guard Date() < end else { throw Timeout(what: what, screen: screen()) }
      usleep(50_000)
    }
  }

  /// A wait that never came true.
  struct Timeout: Error, CustomStringConvertible {
    var what: String
    var screen: String
    var description: String { "timed out waiting for \(what); the screen:\n\(screen)" }
  }

  /// Runs a tmux command on this pane's server; returns its output.
  ///
  /// Not through `Process`: a tmux client forks the server, which would inherit `Process`'s
  /// exit-watching socket (and those of other tests' processes) and keep their waits from ever
  /// ending. So tmux is spawned with every descriptor above 2 closed, up to well past the
  /// highest one open (descriptors are handed out lowest first).
  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    let outputPath = stateFolder + "/.tmux-output-\(UUID().uuidString)"
    defer { unlink(outputPath) }
    let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    for descriptor in 3..<((open.max() ?? 64) + 256) { posix_spawn_file_actions_addclose(&actions, descriptor) }
    // A test thread may block or ignore signals; tmux must start with none blocked and all at
    // their defaults, or it never hears SIGCHLD and never learns how the program ended.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    var allSignals = sigset_t()
    sigemptyset(&noSignals)
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let cArguments = argv.map { strdup($0) } + [nil]
    defer { cArguments.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, cArguments, environ)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
  }
}
