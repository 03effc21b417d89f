import CEditLine
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The process's terminal and standard streams.
enum Terminal {
  /// Whether a file descriptor is a terminal.
  static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

  /// The terminal's width in columns: `COLUMNS`, the terminal's own, or 80.
  static func width(_ descriptor: Int32) -> Int {
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
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
          if errno == EPIPE { exit(0) }
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
}
