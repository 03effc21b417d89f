/// Strings stored end to end in one byte buffer and found through an FNV-1a hash table.
///
/// It does the job of a `[String: Int]` for the matcher's features and words, but it is built
/// from a snapshot's bytes without making a `String` per entry, and a lookup of `"!" + stem`
/// needs no new string: what lets the shipped table load in well under a millisecond.
struct StringTable: Sendable, Equatable {
  /// The entries' UTF-8 bytes, end to end.
  private(set) var bytes: [UInt8]
  /// Where each entry ends in `bytes`; entry `i` starts where entry `i - 1` ends.
  private(set) var ends: [Int32]
  /// Open addressing: entry index + 1, or 0 for an empty slot; a power of two, at most half full.
  private var slots: [Int32]

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

  /// A table over entries already laid end to end (as a snapshot stores them).
  init(bytes: [UInt8], ends: [Int32]) {
    self.bytes = bytes
    self.ends = ends
    var capacity = 16
    while capacity < ends.count * 2 { capacity *= 2 }
    var slots = [Int32](repeating: 0, count: capacity)
    let mask = capacity - 1
    bytes.withUnsafeBufferPointer { all in
      var start = 0
      for (index, end) in ends.enumerated() {
        let entry = UnsafeBufferPointer(rebasing: all[start..<Int(end)])
        var slot = Int(Self.hash(prefix: nil, entry)) & mask
        while slots[slot] != 0 {
          // A repeated string keeps its first index.
          if Self.equal(entry, Self.entry(Int(slots[slot]) - 1, in: all, ends: ends)) { break }
          slot = (slot + 1) & mask
        }
        if slots[slot] == 0 { slots[slot] = Int32(index + 1) }
        start = Int(end)
      }
    }
    self.slots = slots
  }

  /// How many entries there are.
  var count: Int { ends.count }

  /// The entry at an index, as a string.
  subscript(index: Int) -> String {
    let start = index == 0 ? 0 : Int(ends[index - 1])
    return String(decoding: bytes[start..<Int(ends[index])], as: UTF8.self)
  }

  /// The entry's length in bytes.
  func length(of index: Int) -> Int {
    Int(ends[index]) - (index == 0 ? 0 : Int(ends[index - 1]))
  }

  /// Calls `body` with the entry's bytes.
  func withBytes<R>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    bytes.withUnsafeBufferPointer { body(Self.entry(index, in: $0, ends: ends)) }
  }

  /// The index of a string, or nil.
  func index(of string: String) -> Int? { index(prefix: nil, string) }

  /// The index of `prefix` followed by `string` ("!" and a stem), or nil.
  func index(prefix: UInt8?, _ string: String) -> Int? {
    var string = string
    return string.withUTF8 { key in
      let mask = slots.count - 1
      var slot = Int(Self.hash(prefix: prefix, key)) & mask
      return bytes.withUnsafeBufferPointer { all in
        while slots[slot] != 0 {
          let index = Int(slots[slot]) - 1
          let entry = Self.entry(index, in: all, ends: ends)
          if let prefix {
            if entry.count == key.count + 1, entry[0] == prefix, Self.equal(UnsafeBufferPointer(rebasing: entry.dropFirst()), key) { return index }
          } else if Self.equal(entry, key) {
            return index
          }
          slot = (slot + 1) & mask
        }
        return nil
      }
    }
  }

  private static func entry(_ index: Int, in all: UnsafeBufferPointer<UInt8>, ends: [Int32]) -> UnsafeBufferPointer<UInt8> {
    let start = index == 0 ? 0 : Int(ends[index - 1])
    return UnsafeBufferPointer(rebasing: all[start..<Int(ends[index])])
  }

  private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    for index in 0..<a.count where a[index] != b[index] { return false }
    return true
  }

  /// FNV-1a: fixed, unlike Swift's seeded `Hasher`, so a table is the same in every process.
  private static func hash(prefix: UInt8?, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var hash: UInt32 = 2_166_136_261
    if let prefix { hash = (hash ^ UInt32(prefix)) &* 16_777_619 }
    for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return hash
  }

  static func == (a: StringTable, b: StringTable) -> Bool { a.bytes == b.bytes && a.ends == b.ends }
}
