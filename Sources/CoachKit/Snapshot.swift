/// The shipped knowledge and the matcher's index, as bytes computed when the binary is built,
/// so start-up reads them back instead of parsing YAML and analysing every example again.
///
/// The bytes are valid UTF-8, so a build step can embed them as a Swift string literal: texts
/// are stored as they are, and every number as base-64 digits (6 bits each, bit 6 set on all
/// but the last), which are ASCII.
enum Snapshot {
  /// The first bytes of a snapshot; the number changes whenever the layout does.
  static let magic = "coach-snapshot 12\n"

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

    /// Values in fixed-width digits (``PackedValue``), so they are read where they lie.
    mutating func packed<Value: PackedValue>(_ values: some Collection<Value>) {
      number(values.count)
      for value in values { Packed<Value>.append(value, to: &bytes) }
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

    mutating func raw(_ values: some Collection<UInt8>) {
      number(values.count)
      bytes += values
    }
  }

  /// Reads values back; any read past the end or out of range marks the snapshot as bad, and
  /// the caller then builds from the knowledge files instead.
  struct Reader {
    private let whole: ByteView
    private let base: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// Whether a read went wrong.
    private(set) var failed = false

    /// A reader of bytes whose packed runs it hands out as views, sharing their memory.
    init(_ whole: ByteView) {
      self.whole = whole
      base = whole.buffer
    }

    /// Marks the snapshot as bad.
    mutating func fail() { failed = true }

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

    /// Packed values, as a view of the snapshot's own bytes: nothing is copied or decoded.
    mutating func packed<Value: PackedValue>() -> Packed<Value> {
      let count = count()
      guard count <= (base.count - position) / Value.digits, let values = Packed<Value>(packed: whole.slice(position, count: count * Value.digits)) else {
        failed = true
        return Packed([])
      }
      position += count * Value.digits
      return values
    }

    mutating func doubles() -> [Double] {
      (0..<count()).map { _ in Double(bitPattern: number()) }
    }

    /// Bytes, as a view of the snapshot's own.
    mutating func raw() -> ByteView {
      let count = count()
      defer { position += count }
      return whole.slice(position, count: count)
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
    write(coach.matcher.screen.layout, to: &out)
    write(coach.matcher.risk, to: &out)
    return out.bytes
  }

  /// A coach read back from its bytes, or nil if they are not a whole snapshot of this layout.
  /// Settings that shape the index differently from the snapshot's get an index built anew.
  /// The index's runs are views of the bytes, which must live as long as the coach: the
  /// snapshot built into the binary does; others are copied first (``ByteView/init(_:)``).
  static func read(_ bytes: ByteView, settings: Matcher.Settings) -> Coach? {
    let magic = Array(magic.utf8)
    guard bytes.count > magic.count, bytes.buffer.prefix(magic.count).elementsEqual(magic) else { return nil }
    var reader = Reader(bytes.slice(magic.count, count: bytes.count - magic.count))
    let table = readTable(&reader)
    guard let index = readIndex(&reader, table: table), let screen = readScreen(&reader), let risk = readRisk(&reader), reader.isComplete
    else { return nil }
    if index.builtWith != Matcher.indexSettings(settings) { return Coach(table: table, settings: settings, risk: risk) }
    return Coach(table: table, matcher: Matcher(table: table, index: index, settings: settings, screen: screen, risk: risk))
  }

  private static func write(_ table: IntentTable, to out: inout Writer) {
    out.number(table.intents.count)
    for intent in table.intents {
      // A header read at start-up, then the rest, read when the intent is first asked for.
      out.text(intent.id)
      out.text(intent.kind.rawValue)
      out.number(intent.examples.count)
      out.number(intent.keywords.count)
      var body = Writer()
      write(intent, to: &body)
      out.raw(body.bytes)
    }
    out.texts(table.sourceSections)
    let lexicon = table.lexicon.packedForm
    write(lexicon.stems, to: &out)
    out.packed(lexicon.nameEnds)
    out.packed(lexicon.nameIndices)
    out.texts(lexicon.names)
  }

  private static func write(_ intent: Intent, to out: inout Writer) {
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
    out.number(guidance.concernProtocols.count)
    for item in guidance.concernProtocols {
      out.text(item.concern)
      out.texts(item.steps)
    }
    out.texts(guidance.screenSteps)
  }

  /// The table: the intents' headers now, each intent's body when it is first asked for (a
  /// body that does not read whole gives what could be read: a damaged snapshot never traps).
  private static func readTable(_ reader: inout Reader) -> IntentTable {
    var headers: [IntentTable.Header] = []
    var bodies: [ByteView] = []
    for _ in 0..<reader.count() {
      let id = reader.text()
      let kind = Intent.Kind(rawValue: reader.text()) ?? .noise
      let examples = reader.count()
      let keywords = reader.count()
      bodies.append(reader.raw())
      headers.append(IntentTable.Header(id: id, kind: kind, exampleCount: examples, keywordCount: keywords))
    }
    let intents = IntentTable.SnapshotIntents(headers: headers) { [bodies] position in
      var body = Reader(bodies[position])
      return readIntent(&body)
    }
    var table = IntentTable(snapshot: intents, sourceSections: reader.texts())
    if let stems = readStrings(&reader) {
      table.lexicon = Lexicon(packed: Lexicon.Packed(stems: stems, nameEnds: reader.packed(), nameIndices: reader.packed(), names: reader.texts()))
    } else {
      reader.fail()
    }
    return table
  }

  private static func readIntent(_ reader: inout Reader) -> Intent {
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
    var guidance = Guidance(answer: answer, stages: stages, protocolSteps: reader.texts(), inPractice: reader.text(), alongside: reader.text())
    let protocols = reader.count()
    for _ in 0..<protocols {
      let concern = reader.text()
      guidance.concernProtocols.append(Guidance.ConcernProtocol(concern: concern, steps: reader.texts()))
    }
    guidance.screenSteps = reader.texts()
    return Intent(
      id: id, title: title, kind: kind, sources: sources, covers: covers, examples: examples, keywords: keywords,
      related: related, guidance: guidance, path: path)
  }

  private static func write(_ index: Matcher.Index, to out: inout Writer) {
    write(index.features, to: &out)
    write(index.vocabulary.words, to: &out)
    out.packed(index.documentFrequency)
    for postings in [index.examplePostings, index.centroidPostings] {
      out.packed(postings.ends)
      out.packed(postings.targets)
      out.packed(postings.weights)
    }
    write(index.linear, to: &out)
    write(index.grams.linear, to: &out)
    out.doubles(index.builtWith)
  }

  private static func write(_ linear: LinearModel, to out: inout Writer) {
    out.number(linear.classCount)
    out.packed(linear.pairs.ends)
    out.packed(linear.pairs.targets)
    out.packed(linear.weights)
    out.packed([linear.step])
    out.packed(linear.bias)
  }

  /// A regression read where it lies, or nil when its columns do not fit `classCount` intents
  /// and `featureCount` features.
  private static func readLinear(_ reader: inout Reader, classCount intentCount: Int, featureCount: Int) -> LinearModel? {
    let classCount = reader.count()
    let pairs = Matcher.Postings(ends: reader.packed(), targets: reader.packed(), weights: Packed([]))
    let weights: Packed<Int16> = reader.packed()
    let step = (reader.packed() as Packed<Float>).first ?? 0
    let bias = Array(reader.packed() as Packed<Float>)
    guard !reader.failed, classCount == intentCount, bias.count == intentCount, weights.isEmpty || weights.count == pairs.targets.count,
      pairs.ends.isEmpty || pairs.ends.count == featureCount
    else { return nil }
    return LinearModel(classCount: classCount, pairs: pairs, weights: weights, step: step, bias: bias)
  }

  /// The index, or nil when its parts do not fit together or with the table. Only their shapes
  /// are checked here, which costs nothing: the runs are read in place, and every read of them
  /// keeps within them whatever a damaged snapshot holds (``Matcher/Postings``, ``StringTable``).
  private static func readIndex(_ reader: inout Reader, table: IntentTable) -> Matcher.Index? {
    guard let features = readStrings(&reader), let words = readStrings(&reader) else { return nil }
    let frequency: Packed<Int32> = reader.packed()
    let examples = Matcher.Postings(ends: reader.packed(), targets: reader.packed(), weights: reader.packed())
    let centroids = Matcher.Postings(ends: reader.packed(), targets: reader.packed(), weights: reader.packed())
    guard let linear = readLinear(&reader, classCount: table.count, featureCount: features.count),
      let grams = readLinear(&reader, classCount: table.count, featureCount: GramModel.slotCount)
    else { return nil }
    let builtWith = reader.doubles()
    guard !reader.failed, frequency.count == features.count,
      fits(examples, features: features.count), fits(centroids, features: features.count)
    else { return nil }
    return Matcher.Index(
      features: features, documentFrequency: frequency, examplePostings: examples, centroidPostings: centroids,
      vocabulary: Vocabulary(table: words), linear: linear, grams: GramModel(linear: grams), builtWith: builtWith)
  }

  private static func write(_ strings: StringTable, to out: inout Writer) {
    out.raw(strings.bytes.buffer)
    out.packed(strings.ends)
    out.packed(strings.slots)
  }

  private static func readStrings(_ reader: inout Reader) -> StringTable? {
    let bytes = reader.raw()
    let ends: Packed<Int32> = reader.packed()
    let slots: Packed<Int32> = reader.packed()
    return StringTable(bytes: bytes, ends: ends, slots: slots)
  }

  /// The safety screen, compiled when the binary was built.
  private static func write(_ screen: SafetyScreen.Layout, to out: inout Writer) {
    write(screen.words, to: &out)
    out.texts(screen.concerns)
    out.texts(screen.prefixes)
    for column in [
      screen.ruleConcern, screen.ruleSlotEnds, screen.ruleBeforeEnds, screen.ruleAfterEnds, screen.before, screen.after,
      screen.slotWordEnds, screen.slotPrefixEnds, screen.slotGaps, screen.slotWords, screen.slotPrefixes, screen.firstRuleEnds,
      screen.firstRules, screen.prefixRuleEnds, screen.prefixRules,
    ] {
      out.packed(column)
    }
  }

  /// The safety screen, read where it lies, or nil if its columns do not fit together.
  private static func readScreen(_ reader: inout Reader) -> SafetyScreen? {
    guard let words = readStrings(&reader) else { return nil }
    let concerns = reader.texts()
    let prefixes = reader.texts()
    // In the order written; read one by one, in the layout's argument order.
    let layout = SafetyScreen.Layout(
      words: words, concerns: concerns, prefixes: prefixes, ruleConcern: reader.packed(), ruleSlotEnds: reader.packed(),
      ruleBeforeEnds: reader.packed(), ruleAfterEnds: reader.packed(), before: reader.packed(), after: reader.packed(),
      slotWordEnds: reader.packed(), slotPrefixEnds: reader.packed(), slotGaps: reader.packed(), slotWords: reader.packed(),
      slotPrefixes: reader.packed(), firstRuleEnds: reader.packed(), firstRules: reader.packed(), prefixRuleEnds: reader.packed(),
      prefixRules: reader.packed())
    guard !reader.failed else { return nil }
    return SafetyScreen(layout: layout)
  }

  /// The risk classifier, trained when the binary was built.
  private static func write(_ risk: RiskClassifier, to out: inout Writer) {
    out.packed(risk.weights)
    out.packed([risk.step, risk.bias, risk.concernStep])
    out.packed(risk.concernWeights)
    out.packed(risk.concernBias)
  }

  /// The risk classifier, read where it lies, or nil if its columns do not fit together.
  private static func readRisk(_ reader: inout Reader) -> RiskClassifier? {
    let weights: Packed<Int16> = reader.packed()
    let numbers: Packed<Float> = reader.packed()
    let concernWeights: Packed<Int16> = reader.packed()
    let concernBias: Packed<Float> = reader.packed()
    guard !reader.failed, numbers.count == 3, weights.isEmpty || weights.count == RiskClassifier.slotCount else { return nil }
    return RiskClassifier(
      weights: weights, step: numbers[0], bias: numbers[1], concernWeights: concernWeights, concernStep: numbers[2],
      concernBias: Array(concernBias))
  }

  /// Whether postings have a run per feature and a weight per target.
  private static func fits(_ postings: Matcher.Postings, features: Int) -> Bool {
    postings.ends.count == features && postings.targets.count == postings.weights.count
  }
}
