import CoachKit
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Stdin mode: no banner, no prompt; each non-empty line answered in order and flushed.
struct StreamSession {
  /// The longest line read whole; the rest of a longer line is skipped with a warning.
  static let maximumLine = 64 * 1024

  var consultation: Consultation

  init(coach: Coach, format: Consultation.Format, renderer: TextRenderer) {
    consultation = Consultation(coach: coach, renderer: renderer, format: format)
    consultation.directory = FileManager.default.currentDirectoryPath
  }

  /// Reads standard input to its end; returns the exit status.
  mutating func run() -> Int32 {
    Terminal.ignoreBrokenPipe()
    var reader = LineSplitter(maximumLine: Self.maximumLine)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var quit = false
    while !quit {
      let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        Terminal.standardError.write("coach: error reading standard input: \(String(cString: strerror(errno)))\n")
        Terminal.standardOutput.flush()
        return 74
      }
      if count == 0 { break }
      for line in reader.feed(chunk[0..<count]) {
        if answer(line) { quit = true; break }
      }
    }
    if !quit, let line = reader.finish() { _ = answer(line) }
    Terminal.standardOutput.flush()
    return 0
  }

  /// Answers one line; returns true when the line asked to quit.
  mutating func answer(_ line: LineSplitter.Line) -> Bool {
    if line.invalidUTF8 {
      Terminal.standardError.write("stdin:\(line.number): warning: invalid UTF-8; unreadable bytes were replaced with �\n")
    }
    if line.skippedBytes > 0 {
      Terminal.standardError.write("stdin:\(line.number): warning: line is \(line.skippedBytes + Self.maximumLine) bytes long; only the first \(Self.maximumLine) were read\n")
    }
    guard !line.text.allSatisfy(\.isWhitespace) else { return false }
    let response = consultation.handle(line.text)
    if response.effect == .quit { return true }
    if response.effect == .history(true) {
      Terminal.standardError.write("stdin:\(line.number): note: /history only applies to a chat on a terminal\n")
    }
    Terminal.standardOutput.write(response.text)
    if consultation.format == .text, !response.text.isEmpty { Terminal.standardOutput.write("\n") }
    Terminal.standardOutput.flush()
    return false
  }
}

/// Splits a byte stream into lines: `\n` or `\r\n` ends a line, a last line may lack one,
/// invalid UTF-8 is replaced and flagged, and a huge line is cut at a limit without using
/// memory for the rest.
struct LineSplitter {
  struct Line {
    var text: String
    var number: Int
    var invalidUTF8: Bool
    var skippedBytes: Int
  }

  let maximumLine: Int
  private var pending: [UInt8] = []
  private var skipped = 0
  private var number = 0

  init(maximumLine: Int) { self.maximumLine = maximumLine }

  mutating func feed(_ bytes: ArraySlice<UInt8>) -> [Line] {
    var lines: [Line] = []
    var start = bytes.startIndex
    while let newline = bytes[start...].firstIndex(of: 10) {
      append(bytes[start..<newline])
      lines.append(take())
      start = newline + 1
    }
    append(bytes[start...])
    return lines
  }

  mutating func finish() -> Line? {
    pending.isEmpty && skipped == 0 ? nil : take()
  }

  private mutating func append(_ bytes: ArraySlice<UInt8>) {
    let room = maximumLine - pending.count
    if bytes.count <= room {
      pending.append(contentsOf: bytes)
    } else {
      pending.append(contentsOf: bytes.prefix(room))
      skipped += bytes.count - room
    }
  }

  private mutating func take() -> Line {
    number += 1
    if pending.last == 13 { pending.removeLast() }
    let valid = String(validating: pending, as: UTF8.self)
    let line = Line(text: valid ?? String(decoding: pending, as: UTF8.self), number: number, invalidUTF8: valid == nil, skippedBytes: skipped)
    pending.removeAll(keepingCapacity: true)
    skipped = 0
    return line
  }
}
