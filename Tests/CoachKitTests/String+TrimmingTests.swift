import Foundation
import Testing

@testable import CoachKit

/// The trimming that replaced `trimmingCharacters(in:)`, checked against it.
@Suite struct StringTrimmingTests {
  static let texts = ["", "  ", " a b ", "\t\u{00A0}a\u{3000}", "\na\n", " \r\n a \r\n ", "\u{2028}a\u{0085}", "a"]

  @Test func trimmingSpacesKeepsLineBreaks() {
    for text in Self.texts { #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)") }
  }

  @Test func trimmingLineBreaksKeepsSpaces() {
    for text in Self.texts { #expect(text.trimmingLineBreaks() == text.trimmingCharacters(in: .newlines), "\(text.debugDescription)") }
  }

  @Test func trimmingWhiteSpaceTakesBoth() {
    for text in Self.texts {
      #expect(text.trimmingWhiteSpace() == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
    }
  }
}
