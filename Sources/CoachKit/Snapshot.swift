/// The shipped knowledge and the matcher's index, as bytes computed when the binary is built,
/// so start-up reads them back instead of parsing YAML and analysing every example again.
///
/// The bytes are valid UTF-8, so a build step can embed them as a Swift string literal: texts
/// are stored as they are, and every number as base-64 digits (6 bits each, bit 6 set on all
/// but the last), which are ASCII.
enum Snapshot {
  /// The first bytes of a snapshot; the number changes whenever the layout does.
  static let magic = "coach-snapshot 5\n"

  /// Writes values in the snapshot's encoding.
  struct Writer {
    /// What has been written.
    var bytes: [UInt8] = []

    /// A non-negative number.
    mutating func number(_ value: UInt64) {
      var value = value
      repeat {
        let digit = UInt8(value & 0x3F)
        value >>= 6
        bytes.append(value == 0 ? digit : digit | 0x40)
      } while value != 0
    }

    mutating func number(_ value: Int) { number(UInt64(max(0, value))) }

    mutating func numbers(_ values: [Int32]) {
      number(values.count)
      for value in values { number(UInt64(UInt32(bitPattern: value))) }
    }

    mutating func floats(_ values: [Float]) {
      number(values.count)
      for value in values { number(UInt64(value.bitPattern)) }
    }

    /// Sixteen-bit numbers in three digits each, without continuation bits, so they read back
    /// in a tight loop.
    mutating func shorts(_ values: [Int16]) {
      number(values.count)
      for value in values {
        let unsigned = UInt32(Int32(value) + 32768)
        bytes += [UInt8(unsigned & 0x3F), UInt8(unsigned >> 6 & 0x3F), UInt8(unsigned >> 12 & 0x3F)]
      }
    }

    mutating func doubles(_ values: [Double]) {
      number(values.count)
      for value in values { number(value.bitPattern) }
    }

    mutating func text(_ value: String) {
      number(value.utf8.count)
      bytes += value.utf8
    }

    mutating func texts(_ values: [String]) {
      number(values.count)
      for value in values { text(value) }
    }

    mutating func raw(_ values: [UInt8]) {
      number(values.count)
      bytes += values
    }
  }

  /// Reads values back; any read past the end or out of range marks the snapshot as bad, and
  /// the caller then builds from the knowledge files instead.
  struct Reader {
    private let base: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// Whether a read went wrong.
    private(set) var failed = false

    init(_ base: UnsafeBufferPointer<UInt8>) {
      self.base = base
    }

    /// Whether every byte has been read, and nothing went wrong.
    var isComplete: Bool { !failed && position == base.count }

    mutating func number() -> UInt64 {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while position < base.count, shift < 64 {
        let byte = base[position]
        position += 1
        value |= UInt64(byte & 0x3F) << shift
        if byte & 0x40 == 0 { return value }
        shift += 6
      }
      failed = true
      return 0
    }

    /// A count, checked against what is left, so a bad snapshot cannot ask for a huge array.
    mutating func count() -> Int {
      let value = number()
      guard value <= UInt64(base.count - position) else {
        failed = true
        return 0
      }
      return Int(value)
    }

    mutating func int() -> Int { Int(truncatingIfNeeded: number()) }

    mutating func numbers() -> [Int32] {
      let count = count()
      return [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
        for index in 0..<count { buffer[index] = Int32(bitPattern: UInt32(truncatingIfNeeded: number())) }
        initialized = count
      }
    }

    mutating func floats() -> [Float] {
      let count = count()
      return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        for index in 0..<count { buffer[index] = Float(bitPattern: UInt32(truncatingIfNeeded: number())) }
        initialized = count
      }
    }

    mutating func shorts() -> [Int16] {
      let count = count()
      guard count * 3 <= base.count - position else {
        failed = true
        return []
      }
      defer { position += count * 3 }
      return [Int16](unsafeUninitializedCapacity: count) { buffer, initialized in
        let digits = UnsafeBufferPointer(rebasing: base[position..<position + count * 3])
        for index in 0..<count {
          let value = Int32(digits[3 * index] & 0x3F) | Int32(digits[3 * index + 1] & 0x3F) << 6 | Int32(digits[3 * index + 2] & 0x3F) << 12
          buffer[index] = Int16(truncatingIfNeeded: value - 32768)
        }
        initialized = count
      }
    }

    mutating func doubles() -> [Double] {
      (0..<count()).map { _ in Double(bitPattern: number()) }
    }

    mutating func raw() -> [UInt8] {
      let count = count()
      defer { position += count }
      return Array(UnsafeBufferPointer(rebasing: base[position..<position + count]))
    }

    mutating func text() -> String {
      let count = count()
      defer { position += count }
      return String(decoding: UnsafeBufferPointer(rebasing: base[position..<position + count]), as: UTF8.self)
    }

    mutating func texts() -> [String] {
      (0..<count()).map { _ in text() }
    }
  }

  /// The bytes of a coach: its table and its matcher's index.
  static func write(_ coach: Coach) -> [UInt8] {
    var out = Writer()
    out.bytes += magic.utf8
    write(coach.table, to: &out)
    write(coach.matcher.index, to: &out)
    return out.bytes
  }

  /// A coach read back from its bytes, or nil if they are not a whole snapshot of this layout.
  /// Settings that shape the index differently from the snapshot's get an index built anew.
  static func read(_ bytes: UnsafeBufferPointer<UInt8>, settings: Matcher.Settings) -> Coach? {
    let magic = Array(magic.utf8)
    guard bytes.count > magic.count, bytes.prefix(magic.count).elementsEqual(magic) else { return nil }
    var reader = Reader(UnsafeBufferPointer(rebasing: bytes.dropFirst(magic.count)))
    let table = readTable(&reader)
    guard let index = readIndex(&reader, table: table), reader.isComplete else { return nil }
    if index.builtWith != Matcher.indexSettings(settings) { return Coach(table: table, settings: settings) }
    return Coach(table: table, matcher: Matcher(table: table, index: index, settings: settings))
  }

  private static func write(_ table: IntentTable, to out: inout Writer) {
    out.number(table.intents.count)
    for intent in table.intents {
      out.text(intent.id)
      out.text(intent.title)
      out.text(intent.kind.rawValue)
      out.texts(intent.sources)
      out.texts(intent.covers)
      out.texts(intent.examples)
      out.texts(intent.keywords)
      out.texts(intent.related)
      out.text(intent.path)
      let guidance = intent.guidance
      out.text(guidance.answer)
      out.number(guidance.stages.count)
      for stage in guidance.stages {
        out.text(stage.name.rawValue)
        out.text(stage.action)
        out.text(stage.why)
        out.text(stage.say)
      }
      out.texts(guidance.protocolSteps)
      out.text(guidance.inPractice)
      out.text(guidance.alongside)
    }
    out.texts(table.sourceSections)
    let stems = table.lexicon.concepts.keys.sorted()
    out.number(stems.count)
    for stem in stems {
      out.text(stem)
      out.texts(table.lexicon.concepts[stem]!)
    }
  }

  private static func readTable(_ reader: inout Reader) -> IntentTable {
    var intents: [Intent] = []
    for _ in 0..<reader.count() {
      let id = reader.text()
      let title = reader.text()
      let kind = Intent.Kind(rawValue: reader.text()) ?? .noise
      let sources = reader.texts()
      let covers = reader.texts()
      let examples = reader.texts()
      let keywords = reader.texts()
      let related = reader.texts()
      let path = reader.text()
      let answer = reader.text()
      var stages: [Guidance.Stage] = []
      for _ in 0..<reader.count() {
        let name = Guidance.Stage.Name(rawValue: reader.text()) ?? .acknowledge
        stages.append(Guidance.Stage(name: name, action: reader.text(), why: reader.text(), say: reader.text()))
      }
      let guidance = Guidance(answer: answer, stages: stages, protocolSteps: reader.texts(), inPractice: reader.text(), alongside: reader.text())
      intents.append(
        Intent(
          id: id, title: title, kind: kind, sources: sources, covers: covers, examples: examples, keywords: keywords,
          related: related, guidance: guidance, path: path))
    }
    var table = IntentTable(intents: intents, sourceSections: reader.texts())
    var concepts: [String: [String]] = [:]
    for _ in 0..<reader.count() {
      let stem = reader.text()
      concepts[stem] = reader.texts()
    }
    table.lexicon = Lexicon(concepts: concepts)
    return table
  }

  private static func write(_ index: Matcher.Index, to out: inout Writer) {
    out.raw(index.features.bytes)
    out.numbers(index.features.ends)
    out.numbers(index.documentFrequency)
    for postings in [index.examplePostings, index.centroidPostings] {
      out.numbers(postings.ends)
      out.numbers(postings.targets)
      out.floats(postings.weights)
    }
    out.raw(index.vocabulary.words.bytes)
    out.numbers(index.vocabulary.words.ends)
    out.number(index.linear.classCount)
    out.numbers(index.linear.pairs.ends)
    out.numbers(index.linear.pairs.targets)
    out.shorts(index.linear.weights)
    out.floats([index.linear.step])
    out.floats(index.linear.bias)
    out.doubles(index.builtWith)
  }

  /// The index, or nil when its parts do not fit together or with the table: every run and
  /// every number is checked, so a damaged snapshot can never index out of bounds.
  private static func readIndex(_ reader: inout Reader, table: IntentTable) -> Matcher.Index? {
    let featureBytes = reader.raw()
    let featureEnds = reader.numbers()
    let frequency = reader.numbers()
    let examples = Matcher.Postings(ends: reader.numbers(), targets: reader.numbers(), weights: reader.floats())
    let centroids = Matcher.Postings(ends: reader.numbers(), targets: reader.numbers(), weights: reader.floats())
    let wordBytes = reader.raw()
    let wordEnds = reader.numbers()
    let classCount = reader.count()
    let pairs = Matcher.Postings(ends: reader.numbers(), targets: reader.numbers(), weights: [])
    let weights = reader.shorts()
    let step = reader.floats().first ?? 0
    let bias = reader.floats()
    let builtWith = reader.doubles()
    let exampleCount = table.intents.reduce(0) { $0 + $1.examples.count + $1.keywords.count }
    let intentCount = table.intents.count
    guard !reader.failed, fits(featureEnds, within: featureBytes.count), fits(wordEnds, within: wordBytes.count),
      frequency.count == featureEnds.count, frequency.allSatisfy({ $0 >= 0 }),
      fits(examples, features: featureEnds.count, targets: exampleCount), fits(centroids, features: featureEnds.count, targets: intentCount),
      classCount == intentCount, bias.count == intentCount, weights.isEmpty || weights.count == pairs.targets.count,
      pairs.ends.count == featureEnds.count, fits(pairs.ends, within: pairs.targets.count), pairs.targets.allSatisfy({ $0 >= 0 && Int($0) < intentCount })
    else { return nil }
    return Matcher.Index(
      features: StringTable(bytes: featureBytes, ends: featureEnds), documentFrequency: frequency, examplePostings: examples,
      centroidPostings: centroids, vocabulary: Vocabulary(table: StringTable(bytes: wordBytes, ends: wordEnds)),
      linear: LinearModel(classCount: classCount, pairs: pairs, weights: weights, step: step, bias: bias), builtWith: builtWith)
  }

  /// Whether ends rise and stay within a length.
  private static func fits(_ ends: [Int32], within length: Int) -> Bool {
    var last: Int32 = 0
    for end in ends {
      guard end >= last else { return false }
      last = end
    }
    return Int(last) <= length
  }

  private static func fits(_ postings: Matcher.Postings, features: Int, targets: Int) -> Bool {
    postings.ends.count == features && postings.targets.count == postings.weights.count
      && fits(postings.ends, within: postings.targets.count) && postings.targets.allSatisfy { $0 >= 0 && Int($0) < targets }
  }
}
