extension JSON {
  /// The value of a JSON text, or nil if it is not one value of JSON (RFC 8259) with nothing
  /// but white space around it. Nesting deeper than 512 is refused, not followed.
  public static func parse(_ text: String) -> JSON? {
    var text = text
    return text.withUTF8 { bytes in
      var reader = Reader(bytes: bytes)
      guard let value = reader.value(depth: 0) else { return nil }
      reader.skipSpace()
      return reader.position == bytes.count ? value : nil
    }
  }

  /// The value of an object's key, if this is an object that has it.
  public subscript(key: String) -> JSON? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.first { $0.0 == key }?.1
  }

  private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func skipSpace() {
      while position < bytes.count {
        switch bytes[position] {
        case 0x20, 0x09, 0x0A, 0x0D: position += 1
        default: return
        }
      }
    }

    mutating func take(_ literal: String) -> Bool {
      let count = literal.utf8.count
      guard position + count <= bytes.count, bytes[position..<position + count].elementsEqual(literal.utf8) else { return false }
      position += count
      return true
    }

    mutating func value(depth: Int) -> JSON? {
      guard depth < 512 else { return nil }
      skipSpace()
      guard position < bytes.count else { return nil }
      switch bytes[position] {
      case UInt8(ascii: "{"):
        position += 1
        var pairs: [(String, JSON)] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
          position += 1
          return .object(pairs)
        }
        while true {
          skipSpace()
          guard let key = string() else { return nil }
          skipSpace()
          guard take(":"), let value = value(depth: depth + 1) else { return nil }
          pairs.append((key, value))
          skipSpace()
          if take(",") { continue }
          return take("}") ? .object(pairs) : nil
        }
      case UInt8(ascii: "["):
        position += 1
        var values: [JSON] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
          position += 1
          return .array(values)
        }
        while true {
          guard let value = value(depth: depth + 1) else { return nil }
          values.append(value)
          skipSpace()
          if take(",") { continue }
          return take("]") ? .array(values) : nil
        }
      case UInt8(ascii: "\""):
        return string().map(JSON.string)
      case UInt8(ascii: "t"):
        return take("true") ? .bool(true) : nil
      case UInt8(ascii: "f"):
        return take("false") ? .bool(false) : nil
      case UInt8(ascii: "n"):
        return take("null") ? .null : nil
      default:
        return number()
      }
    }

    mutating func number() -> JSON? {
      let start = position
      func digits() -> Int {
        let first = position
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") { position += 1 }
        return position - first
      }
      if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
      let whole = position
      guard digits() > 0, !(bytes[whole] == UInt8(ascii: "0") && position - whole > 1) else { return nil }
      if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
        position += 1
        guard digits() > 0 else { return nil }
      }
      if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
        position += 1
        if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard digits() > 0 else { return nil }
      }
      return Double(String(decoding: bytes[start..<position], as: UTF8.self)).map(JSON.number)
    }

    /// A string, its escapes resolved; nil for a control character, a bad escape or a lone
    /// surrogate.
    mutating func string() -> String? {
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
      position += 1
      var out: [UInt8] = []
      while position < bytes.count {
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""):
          return String(validating: out, as: UTF8.self)
        case UInt8(ascii: "\\"):
          guard position < bytes.count else { return nil }
          let escape = bytes[position]
          position += 1
          switch escape {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0C)
          case UInt8(ascii: "n"): out.append(0x0A)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "u"):
            guard var scalar = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(scalar) {
              guard take("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { return nil }
            out += String(Character(unicode)).utf8
          default:
            return nil
          }
        case 0..<0x20:
          return nil
        default:
          out.append(byte)
        }
      }
      return nil
    }

    mutating func hex4() -> UInt32? {
      guard position + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for byte in bytes[position..<position + 4] {
        let digit: UInt32
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
        value = value << 4 | digit
      }
      position += 4
      return value
    }
  }
}
