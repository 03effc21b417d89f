extension StringProtocol {
  /// The text without white space (line breaks included) at either end. Foundation's
  /// `trimmingCharacters(in:)` goes through NSString on Linux, which made it most of the cost
  /// of reading the knowledge at start-up.
  func trimmingWhiteSpace() -> String {
    guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
      return ""
    }
    return String(self[first...last])
  }
}
