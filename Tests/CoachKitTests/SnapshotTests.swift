import Testing

@testable import CoachKit
import CoachKnowledge

@Suite struct SnapshotTests {
  /// The coach built now from the embedded files, the slow way.
  static let built = Coach(table: try! IntentTable.embedded())
  /// The coach read back from the snapshot made at build time.
  static let shipped = try! Coach.load()

  static func bytes(_ snapshot: StaticString) -> [UInt8] {
    Array(UnsafeBufferPointer(start: snapshot.utf8Start, count: snapshot.utf8CodeUnitCount))
  }

  @Test func snapshotHoldsWhatBuildingFromTheFilesGives() {
    #expect(Self.shipped.table.intents == Self.built.table.intents)
    #expect(Self.shipped.table.sourceSections == Self.built.table.sourceSections)
    #expect(Self.shipped.table.lexicon == Self.built.table.lexicon)
    #expect(Self.shipped.matcher.index == Self.built.matcher.index)
    #expect(Self.shipped.matcher.idf == Self.built.matcher.idf)
  }

  @Test func embeddedSnapshotIsWhatTheFilesGiveNow() {
    // A stale snapshot (knowledge edited, snapshot not rebuilt) would fail here.
    #expect(Self.bytes(Coach.shippedSnapshot) == Self.built.snapshot())
  }

  @Test func matchesTheSameEitherWay() throws {
    let lines = try Evaluation.samples(from: EvaluationTests.fixture("labelled.jsonl"), path: "labelled.jsonl").map(\.text)
    #expect(lines.count > 400)
    for line in lines {
      #expect(Self.shipped.matcher.match(line) == Self.built.matcher.match(line), "\(line)")
    }
  }

  @Test func snapshotIsASCIIOutsideItsTexts() {
    // It is embedded as a string literal: it must be valid UTF-8.
    #expect(String(validating: Self.built.snapshot(), as: UTF8.self) != nil)
  }

  @Test func numbersRoundTrip() {
    var writer = Snapshot.Writer()
    let values: [UInt64] = [0, 1, 63, 64, 4095, 4096, UInt64(UInt32.max), UInt64.max]
    for value in values { writer.number(value) }
    writer.floats([0, 1, -2.5, .leastNonzeroMagnitude, .greatestFiniteMagnitude])
    writer.shorts([0, 1, -1, .max, .min, 12345])
    writer.text("café \"quoted\"")
    #expect(writer.bytes.allSatisfy { $0 < 0x80 } == false)  // the text's é
    writer.bytes.withUnsafeBufferPointer { buffer in
      var reader = Snapshot.Reader(buffer)
      #expect(values.map { _ in reader.number() } == values)
      #expect(reader.floats() == [0, 1, -2.5, .leastNonzeroMagnitude, .greatestFiniteMagnitude])
      #expect(reader.shorts() == [0, 1, -1, .max, .min, 12345])
      #expect(reader.text() == "café \"quoted\"")
      #expect(reader.isComplete)
    }
  }

  @Test func damagedSnapshotIsRefusedNotTrusted() {
    let good = Self.built.snapshot()
    good.withUnsafeBufferPointer { #expect(Snapshot.read($0, settings: Matcher.Settings()) != nil) }
    // Cut short anywhere, or with bytes changed, it reads as nil or as a whole snapshot, never traps.
    for cut in stride(from: 0, to: good.count, by: max(1, good.count / 97)) {
      Array(good[..<cut]).withUnsafeBufferPointer { #expect(Snapshot.read($0, settings: Matcher.Settings()) == nil) }
    }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<40 {
      var damaged = good
      for _ in 0..<8 { damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0..<0x80, using: &generator) }
      damaged.withUnsafeBufferPointer { _ = Snapshot.read($0, settings: Matcher.Settings()) }
    }
  }

  @Test func unreadableSnapshotFallsBackToTheFiles() throws {
    let coach = try Coach.load(snapshot: "not a snapshot", files: { IntentTable.embeddedFiles.map { ("Knowledge/\($0.name)", $0.text) } })
    #expect(coach.table.intents == Self.built.table.intents)
    #expect(coach.matcher.index == Self.built.matcher.index)
  }

  @Test func settingsThatShapeTheIndexRebuildIt() throws {
    var settings = Matcher.Settings()
    settings.bigramWeight = 0.3
    let coach = try Coach.load(settings: settings)
    #expect(coach.matcher.index == Matcher(table: Self.built.table, settings: settings).index)
    #expect(coach.matcher.index != Self.built.matcher.index)
    // A setting used only when matching keeps the snapshot's index.
    settings = Matcher.Settings()
    settings.threshold = 0.3
    #expect(try Coach.load(settings: settings).matcher.index == Self.built.matcher.index)
  }
}
