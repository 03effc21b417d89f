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
    let width = b.count + 1
    // Three rows in one buffer on the stack: this runs for every unknown word of every line.
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
      var previous2 = 0
      var previous = width
      var current = 2 * width
      for j in 0...b.count { rows[previous + j] = j }
      for i in 1...a.count {
        rows[current] = i
        var rowMin = i
        for j in 1...b.count {
          let cost = a[i - 1] == b[j - 1] ? 0 : 1
          var value = min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
          if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, rows[previous2 + j - 2] + 1) }
          rows[current + j] = value
          rowMin = min(rowMin, value)
        }
        if rowMin > limit { return false }
        (previous2, previous, current) = (previous, current, previous2)
      }
      return rows[previous + b.count] <= limit
    }
  }
}
