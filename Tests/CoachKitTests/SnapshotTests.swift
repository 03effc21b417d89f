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
    // The safety screen is compiled into the snapshot: the same rules as the code's patterns.
    #expect(Self.shipped.matcher.screen.layout == SafetyScreen.standard.layout)
    let features = 0..<Self.built.matcher.index.features.count
    #expect(features.map(Self.shipped.matcher.idf) == features.map(Self.built.matcher.idf))
    #expect(Self.shipped.matcher.maximumIDF == features.map(Self.built.matcher.idf).max())
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
    writer.packed([0, 1, -2.5, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .nan] as [Float])
    writer.packed([0, 1, -1, .max, .min, 12345] as [Int16])
    writer.packed([0, 1, -1, .max, .min, 1 << 24] as [Int32])
    writer.text("café \"quoted\"")
    #expect(writer.bytes.allSatisfy { $0 < 0x80 } == false)  // the text's é
    var reader = Snapshot.Reader(ByteView(writer.bytes))
    #expect(values.map { _ in reader.number() } == values)
    let floats: Packed<Float> = reader.packed()
    #expect(Array(floats.prefix(5)) == [0, 1, -2.5, .leastNonzeroMagnitude, .greatestFiniteMagnitude] as [Float])
    #expect(floats.last?.isNaN == true)
    #expect(Array(reader.packed() as Packed<Int16>) == [0, 1, -1, .max, .min, 12345])
    #expect(Array(reader.packed() as Packed<Int32>) == [0, 1, -1, .max, .min, 1 << 24])
    #expect(reader.text() == "café \"quoted\"")
    #expect(reader.isComplete)
  }

  @Test func damagedSnapshotIsRefusedNotTrusted() {
    let good = Self.built.snapshot()
    #expect(Snapshot.read(ByteView(good), settings: Matcher.Settings()) != nil)
    // Cut short anywhere, or with bytes changed, it reads as nil or as a whole snapshot, never
    // traps; and a damaged snapshot that reads whole matches without trapping (its runs are read
    // in place, every read kept within them).
    for cut in stride(from: 0, to: good.count, by: max(1, good.count / 97)) {
      #expect(Snapshot.read(ByteView(good[..<cut]), settings: Matcher.Settings()) == nil)
    }
    var generator = SystemRandomNumberGenerator()
    var readWhole = 0
    for _ in 0..<40 {
      var damaged = good
      for _ in 0..<8 { damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0..<0x80, using: &generator) }
      guard let coach = Snapshot.read(ByteView(damaged), settings: Matcher.Settings()) else { continue }
      readWhole += 1
      for line in ["she just shrugs and says nothing", "he wants to kill himself", "court-ordered, furious", "xyzzy"] {
        _ = coach.reply(to: line)
      }
      _ = coach.table.intents
    }
    // Most single-byte damage lands in texts and numbers, which read whole: the loop above did
    // match on damaged indexes.
    #expect(readWhole > 0)
  }

  @Test func hashSlotsLaidOutEarlierAreCheckedNotTrusted() {
    let table = StringTable(["shrug", "silence", "!shrug", "shrug silence"])
    let again = StringTable(bytes: table.bytes, ends: table.ends, slots: table.slots)
    #expect(again?.index(of: "silence") == 1)
    #expect(again?.index(prefix: UInt8(ascii: "!"), "shrug") == 2)
    #expect(again?.index(of: "nod") == nil)
    // Slots that cannot be a hash table's are refused.
    #expect(StringTable(bytes: table.bytes, ends: table.ends, slots: Packed(table.slots.dropLast())) == nil)
    #expect(StringTable(bytes: table.bytes, ends: table.ends, slots: Packed(table.slots.prefix(8))) == nil)
    // Slots that name entries that are not there, or a table with no empty slot, make lookups
    // miss: they never read outside the table or go round it for ever.
    let full = StringTable(bytes: table.bytes, ends: table.ends, slots: Packed([Int32](repeating: 99, count: 16)))
    #expect(full?.index(of: "silence") == nil)
    let negative = StringTable(bytes: table.bytes, ends: table.ends, slots: Packed([Int32](repeating: -7, count: 16)))
    #expect(negative?.index(of: "shrug") == nil)
    // Ends out of order give empty entries, not a trap.
    let tangled = StringTable(bytes: table.bytes, ends: Packed([30, 2, -4, 999]), slots: table.slots)
    #expect(tangled?[1] == "")
    #expect(tangled?.index(of: "silence") == nil)
  }

  @Test func intentsAreReadWhenFirstAskedFor() throws {
    let bytes = Self.built.snapshot()
    let coach = try #require(bytes.withUnsafeBufferPointer { Coach(snapshot: $0) })
    #expect(coach.table.intentsRead == 0)
    let reply = coach.reply(to: "she just shrugs and says nothing")
    let read = try #require(coach.table.intentsRead)
    #expect(read >= 1 && read < coach.table.count / 2, "\(read) of \(coach.table.count) read for one answer")
    #expect(coach.table[reply.match.intent] == Self.built.table[reply.match.intent])
    #expect(coach.table.intents == Self.built.table.intents)
    #expect(coach.table.intentsRead == coach.table.count)
  }

  @Test func builderNumbersEachEntryOnceAndFindsThemAll() {
    var builder = StringTable.Builder()
    let words = (0..<300).map { "word\($0 % 100)" }
    var numbers: [Int32] = []
    for word in words {
      var word = word
      numbers.append(word.withUTF8 { builder.intern($0) })
    }
    #expect(numbers == words.indices.map { Int32($0 % 100) })
    let table = builder.table()
    #expect(table.count == 100)
    #expect(table.index(of: "word57") == 57)
    #expect(table[99] == "word99")
    #expect(table.index(of: "word100") == nil)
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
