extension StringProtocol {
  /// The text without white space (line breaks included) at either end. Foundation's
  /// `trimmingCharacters(in:)` goes through NSString on Linux, which made it most of the cost
  /// of reading the knowledge at start-up.
  package func trimmingWhiteSpace() -> String {
    trimming(where: \.isWhitespace)
  }

  /// The text without spaces and tabs at either end, keeping line breaks: what
  /// `trimmingCharacters(in: .whitespaces)` did.
  package func trimmingSpaces() -> String {
    trimming { $0.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator } }
  }

  /// The text without line breaks at either end: what `trimmingCharacters(in: .newlines)` did.
  package func trimmingLineBreaks() -> String {
    trimming(where: \.isNewline)
  }

  private func trimming(where isTrimmed: (Character) -> Bool) -> String {
    guard let first = firstIndex(where: { !isTrimmed($0) }), let last = lastIndex(where: { !isTrimmed($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}
