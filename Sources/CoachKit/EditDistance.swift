/// Damerau-Levenshtein distance (optimal string alignment), bounded for speed.
enum EditDistance {
  /// Whether `a` and `b` are at most `limit` edits apart (insert, delete, substitute, swap).
  static func within(_ limit: Int, _ a: String, _ b: String) -> Bool {
    Array(b.utf8).withUnsafeBufferPointer { within(limit, Array(a.utf8), $0) }
  }

  /// Whether two UTF-8 byte strings are at most `limit` edits apart.
  static func within(_ limit: Int, _ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    if abs(a.count - b.count) > limit { return false }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMin = current[0]
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previous2[j - 2] + 1) }
        current[j] = value
        rowMin = min(rowMin, value)
      }
      if rowMin > limit { return false }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count] <= limit
  }
}
