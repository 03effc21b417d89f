import Foundation
import Testing

@testable import CoachKit

/// The folding that replaced Foundation's in `TextAnalyzer.fold`, checked against Foundation.
@Suite struct AccentFoldingTests {
  /// Every letter of the blocks the table covers folds as Foundation's
  /// `folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive])` did.
  @Test func agreesWithFoundationOnLatinLettersLigaturesAndFullWidth() {
    let blocks: [ClosedRange<UInt32>] = [0xC0...0x24F, 0x1E00...0x1EFF, 0xFB00...0xFB06, 0xFF01...0xFF5E]
    var differences: [String] = []
    for value in blocks.joined() {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let foundation = String(scalar).folding(
        options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
      if AccentFolding.fold(scalar) != foundation {
        differences.append("U+\(String(value, radix: 16, uppercase: true)) \(scalar): \(AccentFolding.fold(scalar)) ≠ \(foundation)")
      }
    }
    #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
  }

  @Test func foldsWhatPeopleType() {
    #expect(TextAnalyzer.fold("NAÏVE Ærøskøbing ﬁght ＳＨＥ Straße İstanbul") == "naive ærøskøbing fight she strasse istanbul")
  }
}
