/// Writes JSON straight to bytes, for output written once and never looked at again (a reply
/// per line of a script): no tree of values to build and take apart, keys in the order written.
public struct JSONWriter {
  /// What has been written.
  public private(set) var bytes: [UInt8] = []
  /// Per open container, a bit set while nothing is in it yet (bit 0 the innermost). Only
  /// the 64 innermost are remembered; nothing the coach writes nests deeper than four.
  private var empty: UInt64 = 0
  /// How many containers are open.
  private var depth = 0
  /// Whether a key was just written, so its value takes no comma.
  private var afterKey = false

  /// An empty writer.
  public init() {
    bytes.reserveCapacity(4096)
  }

  /// The text written, as a string.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  private mutating func separate() {
    if afterKey {
      afterKey = false
    } else if depth > 0 {
      if empty & 1 == 0 { bytes.append(UInt8(ascii: ",")) }
      empty &= ~1
    }
  }

  /// An object, with the members `body` writes.
  public mutating func object(_ body: (inout JSONWriter) -> Void) {
    container(open: "{", close: "}", body)
  }

  /// An array, with the elements `body` writes.
  public mutating func array(_ body: (inout JSONWriter) -> Void) {
    container(open: "[", close: "]", body)
  }

  private mutating func container(open: Unicode.Scalar, close: Unicode.Scalar, _ body: (inout JSONWriter) -> Void) {
    separate()
    bytes.append(UInt8(ascii: open))
    empty = empty << 1 | 1
    depth += 1
    body(&self)
    empty >>= 1
    depth -= 1
    bytes.append(UInt8(ascii: close))
  }

  /// A member's key; its value comes next.
  public mutating func key(_ name: String) {
    separate()
    JSON.quote(name, into: &bytes)
    bytes.append(UInt8(ascii: ":"))
    afterKey = true
  }

  /// A string.
  public mutating func string(_ value: String) {
    separate()
    JSON.quote(value, into: &bytes)
  }

  /// A string, or `null` for nil.
  public mutating func string(_ text: String?) {
    if let text { string(text) } else { value(.null) }
  }

  /// Any value.
  public mutating func value(_ json: JSON) {
    separate()
    json.write(to: &bytes)
  }

  /// A member with a string value.
  public mutating func member(_ name: String, _ value: String?) {
    key(name)
    string(value)
  }

  /// A member with any value.
  public mutating func member(_ name: String, _ json: JSON) {
    key(name)
    value(json)
  }

  /// A member whose value is an array of strings.
  public mutating func member(_ name: String, strings: [String]) {
    key(name)
    array { for item in strings { $0.string(item) } }
  }
}
