import CEditLine
import CoachKit
#if canImport(Glibc)
  import Glibc
#endif

/// The process's terminal, standard streams and the signals that stop it.
enum Terminal {
  /// Whether a file descriptor is a terminal.
  static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

  /// The terminal's width in columns: `COLUMNS`, the terminal's own, or 80.
  static func width(_ descriptor: Int32) -> Int {
    if let columns = FileSystem.environment("COLUMNS").flatMap(Int.init), columns > 0 { return columns }
    let width = Int(coach_terminal_width(descriptor))
    return width > 0 ? width : 80
  }

  /// Standard output, buffered.
  nonisolated(unsafe) static var standardOutput = Stream(descriptor: STDOUT_FILENO)
  /// Standard error, unbuffered.
  nonisolated(unsafe) static var standardError = Stream(descriptor: STDERR_FILENO, buffered: false)

  /// A writer to a file descriptor. A closed pipe ends the process quietly with status 0, the
  /// way `head` expects of a filter.
  struct Stream: TextOutputStream {
    let descriptor: Int32
    var buffered = true
    private var buffer: [UInt8] = []

    init(descriptor: Int32, buffered: Bool = true) {
      self.descriptor = descriptor
      self.buffered = buffered
    }

    mutating func write(_ text: String) {
      buffer.append(contentsOf: text.utf8)
      if !buffered || buffer.count > 1 << 16 { flush() }
    }

    mutating func flush() {
      var offset = 0
      while offset < buffer.count {
        let result = buffer[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        if result < 0 {
          if errno == EINTR { continue }
          if errno == EPIPE { _exit(0) }
          buffer.removeAll()
          return
        }
        offset += result
      }
      buffer.removeAll(keepingCapacity: true)
    }
  }

  /// Ignores SIGPIPE so a closed pipe shows up as EPIPE on write, which ends the process quietly.
  static func ignoreBrokenPipe() {
    signal(SIGPIPE, SIG_IGN)
  }

  /// The signal that asked the process to stop (SIGINT, SIGTERM or SIGHUP), or 0.
  nonisolated(unsafe) static var stopSignal: sig_atomic_t = 0
  /// Set while the process waits for input with nothing unwritten: a stop signal then ends it
  /// at once, since there is nothing to finish.
  nonisolated(unsafe) static var waitingForInput: sig_atomic_t = 0

  /// Catches SIGINT, SIGTERM and SIGHUP for a filter: a signal that arrives while a line is
  /// being answered (or a `/save` written) lets that finish, and ``stopSignal`` tells the loop
  /// to stop; one that arrives while waiting for input exits at once with 128 + the signal.
  static func catchStopSignals() {
    unblock([SIGINT, SIGTERM, SIGHUP])
    for number in [SIGINT, SIGTERM, SIGHUP] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { number in
        if Terminal.waitingForInput != 0 { _exit(128 + number) }
        Terminal.stopSignal = number
      }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0  // no SA_RESTART: a blocked read returns EINTR
      sigaction(number, &action, nil)
    }
  }

  /// The bytes written to the terminal when a signal ends the process, and their count.
  nonisolated(unsafe) static var resetBytes: UnsafeMutablePointer<UInt8>?
  nonisolated(unsafe) static var resetCount = 0

  /// Makes SIGTERM, SIGHUP and SIGQUIT write `sequence` to standard output before they end the
  /// process, so a mode the REPL turned on (bracketed paste) does not outlive it; libedit
  /// restores the terminal's own settings and passes the signal on to this handler.
  static func reset(onStop sequence: String) {
    let bytes = Array(sequence.utf8)
    let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
    storage.initialize(from: bytes, count: bytes.count)
    resetBytes = storage
    resetCount = bytes.count
    unblock([SIGINT, SIGTERM, SIGHUP, SIGQUIT])
    for number in [SIGTERM, SIGHUP, SIGQUIT] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { number in
        if let bytes = Terminal.resetBytes { _ = Glibc.write(STDOUT_FILENO, bytes, Terminal.resetCount) }
        signal(number, SIG_DFL)
        raise(number)
      }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(number, &action, nil)
    }
  }

  /// Unblocks signals the process may have been started with blocked (a parent's worker
  /// thread often blocks them all), so Ctrl-C and a polite kill reach it.
  static func unblock(_ signals: [Int32]) {
    var set = sigset_t()
    sigemptyset(&set)
    for number in signals { sigaddset(&set, number) }
    sigprocmask(SIG_UNBLOCK, &set, nil)
  }
}
