/// Bytes the matcher's index reads where they lie: a stretch of the snapshot built into the
/// binary (which lives as long as the process), or a buffer of its own.
///
/// Reading the shipped index this way costs nothing at start-up: no array is allocated, decoded
/// or faulted in until a match reads the few runs its words need.
struct ByteView: @unchecked Sendable, Equatable {
  /// Keeps an owned buffer alive; nil for memory that outlives every view of it.
  private let owner: Owner?
  let base: UnsafePointer<UInt8>
  let count: Int

  private final class Owner {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    init(_ bytes: some Collection<UInt8>) {
      buffer = .allocate(capacity: max(bytes.count, 1))
      _ = buffer.initialize(from: bytes)
    }
    deinit { buffer.deallocate() }
  }

  /// A copy of the bytes, owned by the view and its slices.
  init(_ bytes: some Collection<UInt8>) {
    let owner = Owner(bytes)
    self.owner = owner
    base = UnsafePointer(owner.buffer.baseAddress!)
    count = bytes.count
  }

  /// A view of memory that lives as long as the process (a string literal's bytes).
  init(immortal bytes: UnsafeBufferPointer<UInt8>) {
    owner = nil
    base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
    count = bytes.count
  }

  private init(owner: Owner?, base: UnsafePointer<UInt8>, count: Int) {
    self.owner = owner
    self.base = base
    self.count = count
  }

  /// The bytes from `start` for `count`, sharing this view's memory.
  func slice(_ start: Int, count: Int) -> ByteView {
    precondition(start >= 0 && count >= 0 && start + count <= self.count)
    return ByteView(owner: owner, base: base + start, count: count)
  }

  var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  static func == (a: ByteView, b: ByteView) -> Bool { a.buffer.elementsEqual(b.buffer) }
}

/// A value stored in a fixed number of base-64 digits, a byte each (0...63), least significant
/// first: ASCII, so a snapshot stays a valid string literal, and fixed, so the `i`th value is
/// found without reading the ones before it.
protocol PackedValue: Sendable, Equatable {
  static var digits: Int { get }
  var bitPattern: UInt32 { get }
  init(bitPattern: UInt32)
}

extension Int32: PackedValue {
  static var digits: Int { 6 }
  var bitPattern: UInt32 { UInt32(bitPattern: self) }
}

extension Float: PackedValue {
  static var digits: Int { 6 }
}

extension Int16: PackedValue {
  static var digits: Int { 3 }
  var bitPattern: UInt32 { UInt32(UInt16(bitPattern: self)) }
  init(bitPattern: UInt32) { self = Int16(bitPattern: UInt16(truncatingIfNeeded: bitPattern)) }
}

/// A column of numbers: a snapshot's, laid out in ``PackedValue``'s digits and read in place,
/// or an array of its own, for an index built at run time (`--knowledge`, a clinic's knowledge
/// many times the shipped one), where a match reads them without decoding.
struct Packed<Value: PackedValue>: Sendable, Equatable, RandomAccessCollection {
  /// The values, unless they are packed.
  private let values: [Value]
  /// The digits, when they are packed.
  private let bytes: ByteView?
  let count: Int

  /// The values, as an array.
  init(_ values: some Collection<Value>) {
    self.values = Array(values)
    bytes = nil
    count = self.values.count
  }

  /// Values already packed (a snapshot's); nil if the bytes are not a whole number of values.
  init?(packed bytes: ByteView) {
    guard bytes.count % Value.digits == 0 else { return nil }
    values = []
    self.bytes = bytes
    count = bytes.count / Value.digits
  }

  static func append(_ value: Value, to out: inout [UInt8]) {
    let bits = UInt64(value.bitPattern)
    for digit in 0..<Value.digits { out.append(UInt8(truncatingIfNeeded: bits >> (6 * UInt64(digit))) & 0x3F) }
  }

  var startIndex: Int { 0 }
  var endIndex: Int { count }
  var indices: Range<Int> { 0..<count }
  func index(after position: Int) -> Int { position + 1 }
  func index(before position: Int) -> Int { position - 1 }

  subscript(position: Int) -> Value {
    guard let bytes else { return values[position] }
    precondition(position >= 0 && position < count, "packed index out of range")
    let p = bytes.base + position &* Value.digits
    var bits = UInt32(p[0] & 0x3F) | UInt32(p[1] & 0x3F) << 6 | UInt32(p[2] & 0x3F) << 12
    if Value.digits == 6 {
      bits |= UInt32(p[3] & 0x3F) << 18 | UInt32(p[4] & 0x3F) << 24 | UInt32(p[5] & 0x3F) << 30
    }
    return Value(bitPattern: bits)
  }

  static func == (a: Packed, b: Packed) -> Bool {
    if let x = a.bytes, let y = b.bytes { return x == y }
    if a.bytes == nil, b.bytes == nil { return a.values == b.values }
    return a.count == b.count && a.elementsEqual(b)
  }
}

extension Packed where Value == Int32 {
  /// Run `i` of runs laid end to end, where these are their ends: kept within `0..<count`
  /// whatever the ends say, empty for a run that is not there.
  func run(_ index: Int, within count: Int) -> Range<Int> {
    guard index >= 0, index < self.count else { return 0..<0 }
    let end = Swift.min(Swift.max(Int(self[index]), 0), count)
    let start = index == 0 ? 0 : Swift.min(Swift.max(Int(self[index - 1]), 0), end)
    return start..<end
  }
}
