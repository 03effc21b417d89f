/// Strings stored end to end in one byte buffer and found through an FNV-1a hash table.
///
/// It does the job of a `[String: Int]` for the matcher's features and words, but it is built
/// without making a `String` per entry, and a lookup of `"!" + stem` needs no new string. A
/// snapshot holds its bytes, ends and hash slots as they are here, so the shipped table is read
/// where it lies in the binary: nothing is built at start-up.
struct StringTable: Sendable, Equatable {
  /// The entries' UTF-8 bytes, end to end.
  let bytes: ByteView
  /// Where each entry ends in `bytes`; entry `i` starts where entry `i - 1` ends.
  let ends: Packed<Int32>
  /// Open addressing: entry index + 1, or 0 for an empty slot; a power of two, at most half full.
  let slots: Packed<Int32>

  /// A table of the strings, in the order given; a repeated string keeps its first index.
  init(_ strings: some Sequence<String>) {
    var bytes: [UInt8] = []
    var ends: [Int32] = []
    for string in strings {
      bytes.append(contentsOf: string.utf8)
      ends.append(Int32(bytes.count))
    }
    self.init(bytes: bytes, ends: ends)
  }

  /// A table over entries laid end to end, with its hash slots worked out here.
  init(bytes: [UInt8], ends: [Int32]) {
    var capacity = 16
    while capacity < ends.count * 2 { capacity *= 2 }
    self.bytes = ByteView(bytes)
    self.ends = Packed(ends)
    self.slots = Packed(Self.slots(for: bytes, ends: ends, capacity: capacity))
  }

  /// Hash slots for entries laid end to end, `capacity` of them (a power of two, at least twice
  /// the entries); a repeated entry keeps its first index.
  private static func slots(for bytes: [UInt8], ends: [Int32], capacity: Int) -> [Int32] {
    var slots = [Int32](repeating: 0, count: capacity)
    let mask = capacity - 1
    bytes.withUnsafeBufferPointer { all in
      var start = 0
      for (index, end) in ends.enumerated() {
        let entry = UnsafeBufferPointer(rebasing: all[start..<Int(end)])
        var slot = Int(hash(prefix: nil, entry)) & mask
        while slots[slot] != 0 {
          let other = Int(slots[slot]) - 1
          let otherStart = other == 0 ? 0 : Int(ends[other - 1])
          if equal(entry, UnsafeBufferPointer(rebasing: all[otherStart..<Int(ends[other])])) { break }
          slot = (slot + 1) & mask
        }
        if slots[slot] == 0 { slots[slot] = Int32(index + 1) }
        start = Int(end)
      }
    }
    return slots
  }

  /// A table laid out earlier (read from a snapshot), or nil if its slots cannot be a hash
  /// table's. Nothing else is checked up front: a damaged entry or slot can make a lookup miss,
  /// never read outside the bytes, and never loop.
  init?(bytes: ByteView, ends: Packed<Int32>, slots: Packed<Int32>) {
    guard slots.count >= 16, slots.count >= ends.count * 2, slots.count & (slots.count - 1) == 0 else { return nil }
    self.init(laidOut: bytes, ends: ends, slots: slots)
  }

  private init(laidOut bytes: ByteView, ends: Packed<Int32>, slots: Packed<Int32>) {
    self.bytes = bytes
    self.ends = ends
    self.slots = slots
  }

  /// Builds a table one entry at a time from bytes, giving each distinct entry its number as it
  /// comes: no `String` is made for an entry.
  struct Builder {
    private var bytes: [UInt8] = []
    private var ends: [Int32] = []
    private var slots = [Int32](repeating: 0, count: 16)

    init() {}

    /// The number of an entry, added if it is new.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
      if (ends.count + 1) * 2 > slots.count { grow() }
      let mask = slots.count - 1
      var slot = Int(StringTable.hash(prefix: nil, key)) & mask
      while slots[slot] != 0 {
        let index = Int(slots[slot]) - 1
        let start = index == 0 ? 0 : Int(ends[index - 1])
        let same = bytes.withUnsafeBufferPointer { StringTable.equal(UnsafeBufferPointer(rebasing: $0[start..<Int(ends[index])]), key) }
        if same { return Int32(index) }
        slot = (slot + 1) & mask
      }
      bytes.append(contentsOf: key)
      ends.append(Int32(bytes.count))
      slots[slot] = Int32(ends.count)
      return Int32(ends.count - 1)
    }

    /// Twice the slots, the entries placed again: the table stays at most half full.
    private mutating func grow() {
      slots = StringTable.slots(for: bytes, ends: ends, capacity: slots.count * 2)
    }

    /// The table of the entries so far.
    func table() -> StringTable {
      StringTable(laidOut: ByteView(bytes), ends: Packed(ends), slots: Packed(slots))
    }
  }

  /// How many entries there are.
  var count: Int { ends.count }

  /// The entry at an index, as a string.
  subscript(index: Int) -> String {
    withBytes(of: index) { String(decoding: $0, as: UTF8.self) }
  }

  /// The entry's length in bytes.
  func length(of index: Int) -> Int { entry(index).count }

  /// Calls `body` with the entry's bytes.
  func withBytes<R>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(entry(index)) }

  /// The index of a string, or nil.
  func index(of string: String) -> Int? { index(prefix: nil, string) }

  /// The index of `prefix` followed by `string` ("!" and a stem), or nil.
  func index(prefix: UInt8?, _ string: String) -> Int? {
    var string = string
    return string.withUTF8 { key in
      let mask = slots.count - 1
      var slot = Int(Self.hash(prefix: prefix, key)) & mask
      // At most one pass round the table, even over damaged slots.
      for _ in 0..<slots.count {
        let value = Int(slots[slot])
        if value == 0 { return nil }
        let index = value - 1
        if UInt(bitPattern: index) < UInt(count) {
          let entry = entry(index)
          if let prefix {
            if entry.count == key.count + 1, entry[0] == prefix, Self.equal(UnsafeBufferPointer(rebasing: entry.dropFirst()), key) { return index }
          } else if Self.equal(entry, key) {
            return index
          }
        }
        slot = (slot + 1) & mask
      }
      return nil
    }
  }

  /// An entry's bytes; empty if its ends are out of order or outside the bytes.
  private func entry(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    let run = ends.run(index, within: bytes.count)
    return UnsafeBufferPointer(start: bytes.base + run.lowerBound, count: run.count)
  }

  fileprivate static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    for index in 0..<a.count where a[index] != b[index] { return false }
    return true
  }

  /// FNV-1a: fixed, unlike Swift's seeded `Hasher`, so a table is the same in every process.
  fileprivate static func hash(prefix: UInt8?, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var hash: UInt32 = 2_166_136_261
    if let prefix { hash = (hash ^ UInt32(prefix)) &* 16_777_619 }
    for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return hash
  }

  static func == (a: StringTable, b: StringTable) -> Bool { a.bytes == b.bytes && a.ends == b.ends }
}
