/// A JSON value written by hand, so keys keep their order and output is fast.
public indirect enum JSON: Sendable, Equatable {
  /// A string; control characters are escaped.
  case string(String)
  /// A number; NaN and infinity are written as `null`.
  case number(Double)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null
  /// An array.
  case array([JSON])
  /// An object whose keys keep the order given.
  case object([(String, JSON)])

  /// Two values are equal when they serialize alike.
  public static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.serialized() == rhs.serialized() }

  /// The compact JSON text, on one line.
  public func serialized() -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(256)
    write(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the compact JSON text.
  public func write(to out: inout String) {
    out += serialized()
  }

  /// Appends the compact JSON text as UTF-8 bytes.
  public func write(to out: inout [UInt8]) {
    switch self {
    case .string(let text): Self.quote(text, into: &out)
    case .number(let value):
      if !value.isFinite {
        out += "null".utf8  // JSON has no NaN or infinity
      } else if value == value.rounded(), abs(value) < 1e15 {
        out += String(Int(value)).utf8
      } else {
        out += String(value).utf8
      }
    case .bool(let value): out += (value ? "true" : "false").utf8
    case .null: out += "null".utf8
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        item.write(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let pairs):
      out.append(UInt8(ascii: "{"))
      for (index, (key, value)) in pairs.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        Self.quote(key, into: &out)
        out.append(UInt8(ascii: ":"))
        value.write(to: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  /// Writes a JSON string. Runs of plain text are copied whole; control characters (C0, DEL,
  /// C1, which a terminal would act on) and the line separators U+2028/U+2029 are escaped.
  static func quote(_ text: String, into out: inout [UInt8]) {
    var text = text
    text.withUTF8 { quote($0, into: &out) }
  }

  /// Quotes UTF-8 bytes: runs that need no escape are copied whole, found eight bytes at a
  /// time, since most of what the coach writes (the guidance) is plain text.
  static func quote(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var runStart = 0
    var index = 0
    let count = bytes.count
    func escape(_ value: UInt32, width: Int) {
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
      switch value {
      case 0x22: out += "\\\"".utf8
      case 0x5C: out += "\\\\".utf8
      case 0x0A: out += "\\n".utf8
      case 0x0D: out += "\\r".utf8
      case 0x09: out += "\\t".utf8
      default:
        let hex = String(value, radix: 16)
        out += "\\u".utf8
        out += String(repeating: "0", count: 4 - hex.count).utf8
        out += hex.utf8
      }
      index += width
      runStart = index
    }
    while index < count {
      // Eight plain bytes (printable ASCII other than the quote and the backslash) at once.
      if index + 8 <= count, let base = bytes.baseAddress, Self.isPlain(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
        index += 8
        continue
      }
      let byte = bytes[index]
      if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F {
        escape(UInt32(byte), width: 1)
        continue
      }
      // C1 controls (U+0080-U+009F) and the line and paragraph separators, which some JSON
      // readers take for line ends.
      if byte == 0xC2, index + 1 < count, (0x80...0x9F).contains(bytes[index + 1]) {
        escape(UInt32(bytes[index + 1]), width: 2)
        continue
      }
      if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
        escape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, width: 3)
        continue
      }
      index += 1
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
    out.append(UInt8(ascii: "\""))
  }

  /// Whether eight bytes are all printable ASCII other than `"` and `\\` (0x20-0x7E).
  @inline(__always) static func isPlain(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    // A byte below 0x20, or with its high bit set, or equal to 0x22, 0x5C or 0x7F.
    func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
    if word & highs != 0 { return false }
    if (word &- ones &* 0x20) & ~word & highs != 0 { return false }
    return !hasZero(word ^ (ones &* 0x22)) && !hasZero(word ^ (ones &* 0x5C)) && !hasZero(word ^ (ones &* 0x7F))
  }
}
