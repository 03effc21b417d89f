import Foundation
import Testing

@testable import CoachKit

/// `String(printf:)`, which replaced `String(format:)` in reports, prints what it printed.
@Suite struct StringPrintfTests {
  @Test func printsAsFoundationDid() {
    let values: [Double] = [0, 0.125, 0.005, 0.015, 0.9013452914798207, 1, 12.345, 99.95, 100, -0.5, 1e7 + 0.5]
    for value in values {
      for format in ["%5.1f%%", "%.3f", "%9.2f", "%6.2f", "%5.2f", "%.2f", "%.1f"] {
        #expect(String(printf: format, value) == String(format: format, value), "\(format) of \(value)")
      }
    }
    #expect(String(printf: " %7d  %d of %d", 42, -3, 1_000_000) == String(format: " %7d  %d of %d", 42, -3, 1_000_000))
    #expect(String(printf: "") == "")
    #expect(String(printf: "%300.1f", 1.0).count == 300)
  }
}
