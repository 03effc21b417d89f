/// The results of a pure function, remembered: the same few thousand words and misspellings
/// come back line after line. Guarded by a lock, so every thread shares it, and bounded, so a
/// script of a million distinct lines cannot grow it without end.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
  private let lock = Lock()
  private var known: [Key: Value] = [:]
  private let limit: Int

  /// A memo that keeps at most `limit` results; past that, new ones are computed every time.
  init(limit: Int = 100_000) {
    self.limit = limit
  }

  /// The value for a key: remembered, or computed now (outside the lock) and remembered.
  func value(for key: Key, compute: () -> Value) -> Value {
    if let value = lock.withLock({ known[key] }) { return value }
    let value = compute()
    lock.withLock {
      if known.count < limit { known[key] = value }
    }
    return value
  }
}
