import CoachKit
import Foundation

/// Knowledge at one size, built once, with the inputs to answer: the labelled sentences of
/// `Tests/Fixtures/labelled.jsonl`, taken in turn so a benchmark's percentiles cover the mix of
/// short, long, misspelt, unknown and risky lines the evaluation uses.
final class Workload: @unchecked Sendable {
  /// How many times the shipped knowledge this is.
  let scale: Int
  /// The knowledge files, as `IntentTable(files:)` reads them.
  let files: [(path: String, text: String)]
  /// The table built from them.
  let table: IntentTable
  /// The matcher built on the table.
  let matcher: Matcher
  /// The sentences to match, in file order.
  let inputs: [String]
  private var position = 0

  /// Builds the knowledge at `scale` times the shipped size and reads the inputs.
  init(scale: Int) {
    self.scale = scale
    files = SyntheticKnowledge.files(scale: scale)
    table = Self.table(files)
    matcher = Matcher(table: table, settings: Self.settings(scale: scale))
    inputs = Self.labelledSentences()
  }

  /// The matcher's settings at a size. Above the shipped size the logistic regressions train
  /// one pass instead of twenty: a model of the same shape (one weight per feature and intent
  /// that occur together), so matching costs what it would, in seconds of set-up instead of
  /// minutes. Its softmax over every intent makes training grow with examples × intents.
  static func settings(scale: Int) -> Matcher.Settings {
    var settings = Matcher.Settings()
    if scale > 1 {
      settings.linearEpochs = 1
      settings.gramEpochs = 1
    }
    return settings
  }

  /// The next input, wrapping around at the end.
  func nextInput() -> String {
    defer { position = (position + 1) % inputs.count }
    return inputs[position]
  }

  /// Parses knowledge files into a table, as `coach` does at start-up.
  static func table(_ files: [(path: String, text: String)]) -> IntentTable {
    do {
      let table = try IntentTable(files: files)
      try table.checkReferences()
      return table
    } catch {
      fatalError("synthetic knowledge does not parse:\n\(error)")
    }
  }

  /// The `text` of every line of the labelled set.
  static func labelledSentences() -> [String] {
    let path = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/labelled.jsonl").path
    guard let data = FileManager.default.contents(atPath: path),
      let samples = try? Evaluation.samples(from: String(decoding: data, as: UTF8.self), path: path),
      !samples.isEmpty
    else {
      fatalError("\(path): cannot read the labelled sentences")
    }
    return samples.map(\.text)
  }
}
