import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The chat on a terminal: the binary run on a bare pseudo-terminal, driven the way a person
/// types, without tmux (REPLTmuxTests covers the keys in a full terminal emulator).
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/dev/ptmx"), "needs Linux pseudo-terminals"))
struct REPLTests {
  /// A pseudo-terminal whose far end is the child's standard input, output and error.
  final class PseudoTerminal {
    let controller: Int32
    let device: FileHandle
    private var output: [UInt8] = []
    private var mark = 0

    init() throws {
      // posix_openpt and friends are hidden from Swift's Glibc module, so this is what they do
      // on Linux: open the multiplexer, unlock the new device (TIOCSPTLCK), ask its number (TIOCGPTN).
      controller = open("/dev/ptmx", O_RDWR | O_NOCTTY)
      var unlock: Int32 = 0
      var number: UInt32 = 0
      guard controller >= 0, ioctl(controller, 0x4004_5431, &unlock) == 0, ioctl(controller, 0x8004_5430, &number) == 0 else {
        throw POSIXError(.ENODEV)
      }
      let descriptor = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
      guard descriptor >= 0 else { throw POSIXError(.ENODEV) }
      var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
      _ = ioctl(descriptor, UInt(TIOCSWINSZ), &size)
      device = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit { close(controller) }

    /// Waits for the prompt, and for libedit to have put the terminal in raw mode: it may print
    /// the prompt first, and a Ctrl-D or Tab typed while the terminal is still canonical would
    /// be taken by the terminal itself.
    func waitForPrompt() {
      read(until: "› ")
      let end = Date().addingTimeInterval(60)
      var settings = termios()
      while Date() < end, tcgetattr(device.fileDescriptor, &settings) == 0, settings.c_lflag & tcflag_t(ICANON) != 0 {
        _ = poll(nil, 0, 10)
      }
    }

    /// Types a line and Return, reads until the answer shows `text`, and waits for the next prompt.
    func enter(_ line: String, until text: String) {
      type(line + "\r")
      read(until: text)
      waitForPrompt()
    }

    /// Types text as if at the keyboard.
    func type(_ text: String) {
      _ = text.utf8CString.withUnsafeBufferPointer { write(controller, $0.baseAddress, $0.count - 1) }
    }

    /// Reads until the output after the last text waited for contains `text` (with nil, until
    /// the deadline), or a deadline passes: a guard against hanging, not a measurement.
    /// Returns all the output so far.
    @discardableResult
    func read(until text: String?, deadline seconds: Double = 60) -> String {
      let end = Date().addingTimeInterval(seconds)
      while Date() < end {
        if let text {
          let unread = String(decoding: output[mark...], as: UTF8.self)
          if let found = unread.range(of: text) {
            mark += unread[..<found.upperBound].utf8.count
            break
          }
        }
        readAvailable(waiting: 200)
      }
      return String(decoding: output, as: UTF8.self)
    }

    /// All the output so far, after reading what is waiting.
    func everything() -> String {
      while readAvailable(waiting: 0) {}
      return String(decoding: output, as: UTF8.self)
    }

    /// Reads what the child has written, waiting up to `milliseconds` for it; returns whether
    /// anything was read.
    @discardableResult
    private func readAvailable(waiting milliseconds: Int32) -> Bool {
      var poller = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, milliseconds) > 0 else { return false }
      var buffer = [UInt8](repeating: 0, count: 4096)
      let count = Glibc.read(controller, &buffer, buffer.count)
      guard count > 0 else { return false }
      output += buffer[0..<count]
      return true
    }
  }

  /// Starts the binary on a new pseudo-terminal.
  static func start(beforeRunning: (PseudoTerminal) -> Void = { _ in }) throws -> (Process, PseudoTerminal) {
    let terminal = try PseudoTerminal()
    beforeRunning(terminal)
    let process = Process()
    process.executableURL = CoachBinary.url
    process.environment = CoachBinary.environment(["TERM": "xterm", "NO_COLOR": "1"])
    process.currentDirectoryURL = FileManager.default.temporaryDirectory
    process.standardInput = terminal.device
    process.standardOutput = terminal.device
    process.standardError = terminal.device
    try process.run()
    return (process, terminal)
  }

  @Test func bannerPromptAnswerAndQuit() throws {
    let (process, terminal) = try Self.start()
    terminal.waitForPrompt()
    terminal.enter("he just shrugs and says nothing", until: "Related:")
    terminal.enter("/help", until: "/quit")
    terminal.type("/quit\r")
    let status = CoachBinary.wait(for: process)
    let output = terminal.everything()
    #expect(status == 0)
    #expect(output.contains("coach 0.1"), "the banner")
    #expect(output.contains("No response · sign of resistance"))
    #expect(output.contains("  /topics"), "/help")
  }

  @Test func upArrowRecallsTheLastLine() throws {
    let (process, terminal) = try Self.start()
    terminal.waitForPrompt()
    terminal.enter("he just shrugs", until: "Related:")
    terminal.enter("\u{1B}[A", until: "Related:")
    terminal.type("/quit\r")
    #expect(CoachBinary.wait(for: process) == 0)
    #expect(terminal.everything().components(separatedBy: "No response · sign of resistance").count == 3, "answered twice")
  }
}
