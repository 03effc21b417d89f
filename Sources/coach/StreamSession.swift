import CoachKit
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
    consultation.directory = FileSystem.currentDirectory
    consultation.matchAhead = MatchAhead(matcher: coach.matcher)
  }

  /// Reads standard input to its end; returns the exit status: 0, 74 for a read error, or
  /// 128 + the signal (130 for Ctrl-C) when stopped by SIGINT, SIGTERM or SIGHUP.
  mutating func run() -> Int32 {
    Terminal.ignoreBrokenPipe()
    Terminal.catchStopSignals()
    var reader = LineSplitter(maximumLine: Self.maximumLine)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    reading: while true {
      Terminal.standardOutput.flush()
      Terminal.waitingForInput = 1
      if Terminal.stopSignal != 0 { return 128 + Terminal.stopSignal }
      let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      Terminal.waitingForInput = 0
      if count < 0 {
        if errno == EINTR { continue }
        Terminal.standardError.write("coach: error reading standard input: \(String(cString: strerror(errno)))\n")
        return 74
      }
      if count == 0 {
        if let line = reader.finish() { _ = answer(line) }
        break
      }
      let lines = reader.feed(chunk[0..<count])
      // The second core matches the lines of this read while the first answers them in order.
      consultation.matchAhead?.prepare(lines.compactMap { Consultation.matchedText(of: $0.text) })
      for line in lines {
        if answer(line) { break reading }
        if Terminal.stopSignal != 0 { break }
      }
    }
    Terminal.standardOutput.flush()
    return 0
  }

  /// Answers one line; returns true when the line asked to quit.
  mutating func answer(_ line: LineSplitter.Line) -> Bool {
    if line.invalidUTF8 {
      Terminal.standardError.write("stdin:\(line.number): warning: invalid UTF-8; unreadable bytes were replaced with �\n")
    }
    if line.skippedBytes > 0 {
      Terminal.standardError.write(
        "stdin:\(line.number): warning: line is \(line.length) bytes long; only the first \(line.bytesRead) were read\n")
    }
    guard !line.text.allSatisfy(\.isWhitespace) else { return false }
    let response = consultation.handle(line.text)
    if response.effect == .quit { return true }
    if response.effect == .history(true) {
      Terminal.standardError.write("stdin:\(line.number): note: /history only applies to a chat on a terminal\n")
    }
    Terminal.standardOutput.write(response.text)
    if consultation.format == .text, !response.text.isEmpty { Terminal.standardOutput.write("\n") }
    return false
  }
}

/// Splits a byte stream into lines: `\n` or `\r\n` ends a line, a last line may lack one,
/// invalid UTF-8 is replaced and flagged, and a huge line is cut at a limit, on a character
/// boundary, without using memory for the rest.
struct LineSplitter {
  /// One line, without its line end.
  struct Line: Equatable {
    /// The text read, with unreadable bytes replaced by U+FFFD.
    var text: String
    /// The line's number, from 1.
    var number: Int
    /// Whether the bytes read were not valid UTF-8.
    var invalidUTF8: Bool
    /// How many bytes the line had.
    var length: Int
    /// How many of them were read into ``text``.
    var bytesRead: Int
    /// How many were left unread because the line was too long.
    var skippedBytes: Int { length - bytesRead }
  }

  /// The most bytes of one line kept.
  let maximumLine: Int
  private var pending: [UInt8] = []
  private var skipped = 0
  private var skippedCarriageReturn = false
  private var number = 0

  /// A splitter that keeps at most `maximumLine` bytes of a line.
  init(maximumLine: Int) { self.maximumLine = maximumLine }

  /// Takes the next bytes of the stream; returns the lines they complete.
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

  /// The last line, when the stream ended without a newline.
  mutating func finish() -> Line? {
    pending.isEmpty && skipped == 0 ? nil : take()
  }

  private mutating func append(_ bytes: ArraySlice<UInt8>) {
    guard !bytes.isEmpty else { return }
    let room = max(0, maximumLine - pending.count)
    if bytes.count <= room {
      pending.append(contentsOf: bytes)
    } else {
      pending.append(contentsOf: bytes.prefix(room))
      skipped += bytes.count - room
      skippedCarriageReturn = bytes.last == 13
    }
  }

  private mutating func take() -> Line {
    number += 1
    var length = pending.count + skipped
    if skipped > 0 {
      if skippedCarriageReturn { length -= 1 }
      pending.removeLast(Self.incompleteTail(of: pending))
    } else if pending.last == 13 {
      pending.removeLast()
      length -= 1
    }
    let valid = String(validating: pending, as: UTF8.self)
    let line = Line(
      text: valid ?? String(decoding: pending, as: UTF8.self), number: number, invalidUTF8: valid == nil,
      length: length, bytesRead: pending.count)
    pending.removeAll(keepingCapacity: true)
    skipped = 0
    skippedCarriageReturn = false
    return line
  }

  /// How many bytes at the end of `bytes` are the start of a character cut off by the limit.
  static func incompleteTail(of bytes: [UInt8]) -> Int {
    for back in stride(from: 1, through: min(4, bytes.count), by: 1) {
      let byte = bytes[bytes.count - back]
      guard byte & 0xC0 == 0x80 else {
        let needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        return needed > back ? back : 0
      }
    }
    return 0
  }
}
