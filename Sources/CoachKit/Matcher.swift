#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns what the user typed into an intent with a confidence, alternatives and evidence.
///
/// It learns from each intent's example phrases and keywords: every phrase becomes a sparse
/// tf-idf vector of stems, negated stems ("!talk") and stem pairs. An input scores against each
/// intent by its cosine to the nearest example and to the intent's centroid, found through an
/// inverted index so the cost follows the input's words, not the size of the knowledge, and by
/// a logistic regression trained on the same vectors (``LinearModel``), which learns the words
/// that tell intents apart; the two are blended half and half.
/// The safety screen runs first and wins over everything.
public struct Matcher: Sendable {
  /// Tunable numbers, with the values chosen by held-out tests on the examples.
  public struct Settings: Sendable {
    /// Weight of the nearest example against the centroid.
    public var nearestWeight = 0.45
    /// Below this score the answer is `unknown`.
    public var threshold = 0.16
    /// Above this ratio of second to first score, the top two are called ambiguous.
    public var ambiguityRatio = 0.92
    /// A sign scoring at least this share of the top situation's score leads, with the situation
    /// as its backdrop: what the client does decides what to do next.
    public var signOverSituationRatio = 0.6
    /// A situation scoring at least this share of the top sign's score is its backdrop.
    public var backdropRatio = 0.45
    /// Above this score, an input nearest to a `safety-risk` example is risk even without a cue.
    public var riskExampleThreshold = 0.4
    /// At or above this probability of the risk classifier, a line is risk even without a cue.
    public var riskThreshold = 0.5
    /// At or above this probability, a line is possible risk: the answer screens first.
    public var possibleThreshold = 0.25
    /// A weak cue ("feels trapped") with at least this probability is possible risk.
    public var weakCueThreshold = 0.05
    /// After a denial and with no cue, the classifier counts only at this probability or above.
    public var deniedRiskThreshold = 0.9
    /// Lines with fewer content words than this are left to the screen's cues.
    public var classifierMinimumWords = 3
    /// The classifier alone makes a line risk (not possible risk) when `safety-risk` ranks at
    /// least this high among the matcher's own scores.
    public var classifierAgreementRank = 3.0
    /// How far a keyword can count as a nearest example (0: only in the centroid).
    public var keywordNearestWeight = 0.8
    /// Features in more than this many quarters of the intents count in centroids only.
    public var commonFeatureQuarters = 2
    /// Weight of a concept set's feature beside the word's own stem.
    public var conceptWeight = 0.5
    /// Weight of the line's shape: first person, a question, quoted speech.
    public var structureWeight = 1.0
    /// Weight of a negated word's plain stem, beside its negated form.
    public var negatedTopicWeight = 0.5
    /// Weight of a stem pair against a single stem.
    public var bigramWeight = 0.6
    /// Weight, in the input's length, of a word the knowledge has never seen.
    public var unseenWeight = 0.55
    /// Weight of the logistic regression's probability in an intent's score, beside the
    /// nearest example and the centroid (0: not trained at all).
    public var linearWeight = 0.3
    /// Passes of the logistic regression's training over the examples.
    public var linearEpochs = 20
    /// L2 decay of the logistic regression's weights.
    public var linearL2 = 0.00001
    /// The logistic regression's first learning rate.
    public var linearRate = 3.0
    /// Weight of the regression over words, word pairs and character grams (``GramModel``)
    /// in an intent's score (0: not trained at all); the similarity has what the two
    /// regressions leave.
    public var gramWeight = 0.5
    /// Passes of its training over the examples.
    public var gramEpochs = 20
    /// Its L2 decay.
    public var gramL2 = 0.00001
    /// Its first learning rate.
    public var gramRate = 3.0
    /// Creates the default settings.
    public init() {}

    /// The names `set(_:to:)` takes, for `coach eval --set`.
    public static let names = [
      "nearestWeight", "threshold", "ambiguityRatio", "backdropRatio", "signOverSituationRatio", "commonFeatureQuarters", "riskExampleThreshold", "keywordNearestWeight",
      "riskThreshold", "possibleThreshold", "weakCueThreshold", "classifierAgreementRank", "classifierMinimumWords", "deniedRiskThreshold",
      "conceptWeight", "structureWeight", "negatedTopicWeight", "bigramWeight", "unseenWeight",
      "linearWeight", "linearEpochs", "linearL2", "linearRate", "gramWeight", "gramEpochs", "gramL2", "gramRate",
    ]

    /// Changes one setting by name; false for an unknown name.
    public mutating func set(_ name: String, to value: Double) -> Bool {
      switch name {
      case "nearestWeight": nearestWeight = value
      case "threshold": threshold = value
      case "ambiguityRatio": ambiguityRatio = value
      case "backdropRatio": backdropRatio = value
      case "signOverSituationRatio": signOverSituationRatio = value
      case "commonFeatureQuarters": commonFeatureQuarters = Int(value)
      case "riskExampleThreshold": riskExampleThreshold = value
      case "riskThreshold": riskThreshold = value
      case "possibleThreshold": possibleThreshold = value
      case "weakCueThreshold": weakCueThreshold = value
      case "classifierAgreementRank": classifierAgreementRank = value
      case "classifierMinimumWords": classifierMinimumWords = Int(value)
      case "deniedRiskThreshold": deniedRiskThreshold = value
      case "keywordNearestWeight": keywordNearestWeight = value
      case "conceptWeight": conceptWeight = value
      case "structureWeight": structureWeight = value
      case "negatedTopicWeight": negatedTopicWeight = value
      case "bigramWeight": bigramWeight = value
      case "unseenWeight": unseenWeight = value
      case "linearWeight": linearWeight = value
      case "linearEpochs": linearEpochs = Int(value)
      case "linearL2": linearL2 = value
      case "linearRate": linearRate = value
      case "gramWeight": gramWeight = value
      case "gramEpochs": gramEpochs = Int(value)
      case "gramL2": gramL2 = value
      case "gramRate": gramRate = value
      default: return false
      }
      return true
    }
  }

  /// What the matcher learns from the examples: everything that can be computed once, when
  /// the binary is built, and read back from a snapshot at start-up.
  struct Index: Sendable, Equatable {
    /// Feature strings; a feature's id is its index.
    var features: StringTable
    /// In how many intents each feature occurs.
    var documentFrequency: Packed<Int32>
    /// Feature → (example, weight in the example's unit vector).
    var examplePostings: Postings
    /// Feature → (intent, weight in the intent's unit centroid).
    var centroidPostings: Postings
    /// Known words, for typo correction.
    var vocabulary: Vocabulary
    /// The logistic regression over the same feature ids, trained from the examples and keywords.
    var linear: LinearModel
    /// The regression over hashed words, pairs and character grams.
    var grams: GramModel
    /// The settings the index was built with (those that shape it).
    var builtWith: [Double]
  }

  /// Per feature, a run of (target, weight) pairs, laid end to end.
  struct Postings: Sendable, Equatable {
    /// Where each feature's run ends; feature `f`'s run starts where feature `f - 1`'s ends.
    let ends: Packed<Int32>
    /// Example or intent numbers.
    let targets: Packed<Int32>
    /// Their weights (none for the regression's pairs, whose weights are the model's).
    let weights: Packed<Float>

    /// The positions of a feature's run in `targets` and `weights`: empty for a feature
    /// outside the postings, and kept within them whatever a damaged snapshot says.
    subscript(feature: Int) -> Range<Int> { ends.run(feature, within: targets.count) }

    /// Lays per-feature lists end to end.
    init(_ lists: [[(target: Int32, weight: Float)]]) {
      var ends: [Int32] = []
      var targets: [Int32] = []
      var weights: [Float] = []
      for list in lists {
        for (target, weight) in list {
          targets.append(target)
          weights.append(weight)
        }
        ends.append(Int32(targets.count))
      }
      self.init(ends: Packed(ends), targets: Packed(targets), weights: Packed(weights))
    }

    /// Postings from their columns (a snapshot's, or the regression's pairs).
    init(ends: Packed<Int32>, targets: Packed<Int32>, weights: Packed<Float>) {
      self.ends = ends
      self.targets = targets
      self.weights = weights
    }
  }

  let table: IntentTable
  let settings: Settings
  let screen: SafetyScreen
  /// The risk classifier beside the screen's cues.
  let risk: RiskClassifier
  let index: Index
  /// Inverse intent frequency by the number of intents a feature occurs in (0 for none), so a
  /// feature's is looked up when a match needs it rather than worked out for all at start-up.
  let idfByFrequency: [Double]
  /// The largest inverse intent frequency: the weight of a word no intent uses.
  let maximumIDF: Double
  /// Example → its intent's index. Examples are numbered intent by intent, each intent's
  /// examples first and then its keywords.
  let exampleOwner: [Int32]
  /// Per intent, the number of its first example.
  let exampleStart: [Int]
  /// Per intent, the number of its first keyword document (its examples come before).
  let keywordStart: [Int]
  let intentIDs: [String]
  let safetyIndex: Int?
  /// The kind of each intent, by index, so a match does not gather them again.
  let intentKinds: [Intent.Kind]
  /// Intents of kind `noise`, which stand for `unknown`.
  let noiseIndices: Set<Int>
  /// Buffers for a match's per-example sums.
  let scratch = Scratch()

  /// Buffers of zeros, one per example, lent to matches and given back clean, so a match
  /// never clears or allocates one the size of the knowledge.
  final class Scratch: @unchecked Sendable {
    private let lock = Lock()
    private var free: [[Double]] = []

    /// A buffer of `count` zeros.
    func take(count: Int) -> [Double] {
      if let buffer = lock.withLock({ free.popLast() }), buffer.count == count { return buffer }
      return [Double](repeating: 0, count: count)
    }

    private var freeScores: [[Score]] = []

    /// A score of zero per intent. At a hundred times the knowledge a fresh array of them is
    /// large enough for the allocator to map and unmap pages on every match.
    func takeScores(count: Int) -> [Score] {
      if var buffer = lock.withLock({ freeScores.popLast() }), buffer.count == count {
        buffer.withUnsafeMutableBufferPointer { $0.update(repeating: Score()) }
        return buffer
      }
      return [Score](repeating: Score(), count: count)
    }

    /// Takes a scores buffer back.
    func give(_ buffer: inout [Score]) {
      let kept = buffer
      buffer = []
      lock.withLock { if freeScores.count < 8 { freeScores.append(kept) } }
    }

    /// Takes a buffer back, zeroing the slots that were used.
    func give(_ buffer: inout [Double], touched: [Int32]) {
      buffer.withUnsafeMutableBufferPointer { buffer in
        for slot in touched { buffer[Int(slot)] = 0 }
      }
      let clean = buffer
      buffer = []
      lock.withLock { if free.count < 8 { free.append(clean) } }
    }
  }

  /// Builds the matcher's index from a table.
  /// The risk classifier is trained on the table unless one is given (the shipped one, which a
  /// user's knowledge folder does not retrain, so it cannot weaken it).
  public init(table: IntentTable, settings: Settings = Settings(), screen: SafetyScreen = .standard, risk: RiskClassifier? = nil) {
    self.init(
      table: table, index: Self.buildIndex(table: table, settings: settings), settings: settings, screen: screen,
      risk: risk ?? Self.trainRisk(table))
  }

  /// A matcher on an index built earlier (read from a snapshot) for this table.
  init(table: IntentTable, index: Index, settings: Settings, screen: SafetyScreen = .standard, risk: RiskClassifier) {
    self.table = table
    self.settings = settings
    self.screen = screen
    self.risk = risk
    self.index = index
    // From the intents' headers: a snapshot's intents are not read whole for this.
    let headers = (0..<table.count).map(table.header)
    intentIDs = headers.map(\.id)
    safetyIndex = intentIDs.firstIndex(of: "safety-risk")
    intentKinds = headers.map(\.kind)
    noiseIndices = Set(headers.indices.filter { headers[$0].kind == .noise })
    var owner: [Int32] = []
    var exampleStart: [Int] = []
    var keywordStart: [Int] = []
    for (number, header) in headers.enumerated() {
      exampleStart.append(owner.count)
      keywordStart.append(owner.count + header.exampleCount)
      owner += Array(repeating: Int32(number), count: header.exampleCount + header.keywordCount)
    }
    self.exampleOwner = owner
    self.exampleStart = exampleStart
    self.keywordStart = keywordStart
    // Frequencies run from 1 to the number of intents: one logarithm each, not one per feature.
    let intentCount = Double(max(table.count, 1))
    idfByFrequency = (0...max(table.count, 1)).map { $0 == 0 ? 0 : log(1 + intentCount / Double($0)) }
    // The rarest feature has the largest: every feature occurs in one intent at least.
    maximumIDF = index.documentFrequency.isEmpty ? 1 : idfByFrequency[min(1, idfByFrequency.count - 1)]
  }

  /// The inverse intent frequency of a feature.
  func idf(_ feature: Int) -> Double {
    let frequency = Int(index.documentFrequency[feature])
    return idfByFrequency[min(max(frequency, 0), idfByFrequency.count - 1)]
  }

  /// The settings that shape the index, in a fixed order, to tell whether a snapshot's index
  /// fits the settings asked for.
  static func indexSettings(_ settings: Settings) -> [Double] {
    [
      settings.bigramWeight, settings.negatedTopicWeight, settings.conceptWeight, settings.structureWeight,
      settings.keywordNearestWeight, Double(settings.commonFeatureQuarters), settings.linearWeight > 0 ? 1 : 0,
      Double(settings.linearEpochs), settings.linearL2, settings.linearRate,
      settings.gramWeight > 0 ? 1 : 0, Double(settings.gramEpochs), settings.gramL2, settings.gramRate,
    ]
  }

  /// The text of an example (or keyword) by its number.
  func exampleText(_ number: Int) -> String {
    let owner = Int(exampleOwner[number])
    let intent = table.intent(at: owner)
    let offset = number - exampleStart[owner]
    if offset < intent.examples.count { return intent.examples[offset] }
    // (A damaged snapshot's header may promise more than its intent holds.)
    let keyword = offset - intent.examples.count
    return keyword < intent.keywords.count ? intent.keywords[keyword] : ""
  }

  /// Trains the risk classifier on the table's examples: those of `safety` intents against all
  /// the others.
  static func trainRisk(_ table: IntentTable) -> RiskClassifier {
    var examples: [(tokens: [Token], risk: Bool, concerns: [String])] = []
    for intent in table.intents {
      for text in intent.examples {
        examples.append((TextAnalyzer.tokenize(text, stemmer: .english), intent.kind == .safety, table.exampleConcerns[text] ?? []))
      }
    }
    return RiskClassifier.train(examples)
  }

  /// Learns the index from the table's examples and keywords.
  static func buildIndex(table: IntentTable, settings: Settings) -> Index {
    let intents = table.intents
    var ids: [String: Int] = [:]
    var names: [String] = []
    var documents: [(owner: Int32, features: [Int: Double], isKeyword: Bool)] = []
    // The examples (not the keywords) as the gram model reads them.
    var gramExamples: [(tokens: [Token], intent: Int)] = []
    var documentFrequency: [Int32] = []
    var surfaces = Set<String>()
    for (index, intent) in intents.enumerated() {
      var seenInIntent = Set<Int>()
      for (number, text) in (intent.examples + intent.keywords).enumerated() {
        let tokens = TextAnalyzer.analyze(text)
        if number < intent.examples.count { gramExamples.append((tokens, index)) }
        for token in tokens where !token.isStopword { surfaces.insert(token.word) }
        var vector: [Int: Double] = [:]
        for (feature, weight) in Self.features(
          tokens, bigramWeight: settings.bigramWeight, negatedTopicWeight: settings.negatedTopicWeight, lexicon: table.lexicon,
          conceptWeight: settings.conceptWeight, structureWeight: settings.structureWeight) {
          let id: Int
          if let known = ids[feature] {
            id = known
          } else {
            id = ids.count
            ids[feature] = id
            names.append(feature)
            documentFrequency.append(0)
          }
          vector[id, default: 0] += weight
          if seenInIntent.insert(id).inserted { documentFrequency[id] += 1 }
        }
        documents.append((Int32(index), vector, number >= intent.examples.count))
      }
    }
    let intentCount = Double(max(intents.count, 1))
    let idf = documentFrequency.map { log(1 + intentCount / Double($0)) }

    var rows: [LinearModel.Row] = []
    var examplePostings = [[(target: Int32, weight: Float)]](repeating: [], count: ids.count)
    var centroids = [[Int: Double]](repeating: [:], count: intents.count)
    for (number, document) in documents.enumerated() {
      // Sorted, so every sum is taken in the same order on every run.
      let vector = document.features.keys.sorted().map { id in (id, Self.damp(document.features[id]!) * idf[id]) }
      let norm = sqrt(vector.reduce(0) { $0 + $1.1 * $1.1 })
      guard norm > 0 else { continue }
      rows.append(LinearModel.Row(features: vector.map { ($0.0, $0.1 / norm) }, label: Int(document.owner)))
      for (id, value) in vector {
        // Keywords shape the centroid only: a one-word keyword would otherwise be a perfect
        // "nearest example" for any one-word input that shares it.
        let scale = document.isKeyword ? settings.keywordNearestWeight : 1
        // Features most intents share (the line's shape, broad concept sets) weigh little and
        // would make every example a candidate: they count in the centroids only, which keeps
        // the cost of a match growing with the input's specific words, not the knowledge.
        if scale > 0, Int(documentFrequency[id]) * 4 <= intents.count * settings.commonFeatureQuarters {
          examplePostings[id].append((Int32(number), Float(scale * value / norm)))
        }
        centroids[Int(document.owner)][id, default: 0] += value / norm
      }
    }
    var centroidPostings = [[(target: Int32, weight: Float)]](repeating: [], count: ids.count)
    for (intent, centroid) in centroids.enumerated() {
      let sorted = centroid.keys.sorted()
      let norm = sqrt(sorted.reduce(0) { $0 + centroid[$1]! * centroid[$1]! })
      guard norm > 0 else { continue }
      for id in sorted { centroidPostings[id].append((Int32(intent), Float(centroid[id]! / norm))) }
    }
    let centroidPairs = Postings(centroidPostings)
    // The regression weighs a feature for the intents that use it, and against what the coach
    // does not cover: a word can argue against `unknown` without arguing for any one intent.
    // One noise intent stands for `unknown` here (the first); pairing every feature with every
    // noise file a clinic adds would grow as features × noise files.
    let noise = intents.indices.first { intents[$0].kind == .noise }.map { [Int32($0)] } ?? []
    var linearEnds: [Int32] = []
    var linearTargets: [Int32] = []
    for run in centroidPostings {
      let intents = Set(run.map(\.target))
      linearTargets += (run.map(\.target) + noise.filter { !intents.contains($0) }).sorted()
      linearEnds.append(Int32(linearTargets.count))
    }
    // Pairs only: the weights are the model's.
    let linearPairs = Postings(ends: Packed(linearEnds), targets: Packed(linearTargets), weights: Packed([]))
    let linear =
      settings.linearWeight > 0
      ? LinearModel(
        rows: rows, pairs: linearPairs, classCount: intents.count, epochs: settings.linearEpochs, l2: settings.linearL2,
        learningRate: settings.linearRate)
      : LinearModel(classCount: intents.count)
    let grams =
      settings.gramWeight > 0
      ? GramModel(
        examples: gramExamples, classCount: intents.count, noise: noise.first.map(Int.init), epochs: settings.gramEpochs,
        l2: settings.gramL2, learningRate: settings.gramRate)
      : GramModel(classCount: intents.count)
    return Index(
      features: StringTable(names), documentFrequency: Packed(documentFrequency), examplePostings: Postings(examplePostings),
      centroidPostings: centroidPairs, vocabulary: Vocabulary(words: surfaces), linear: linear,
      grams: grams, builtWith: indexSettings(settings))
  }

  /// The features of a text: stems, negated stems and neighbouring stem pairs, with weights.
  static func features(
    _ tokens: [Token], bigramWeight: Double, negatedTopicWeight: Double = 0.5, lexicon: Lexicon = Lexicon(), conceptWeight: Double = 0.5,
    structureWeight: Double = 0, isKnown: ((String) -> Bool)? = nil
  ) -> [(String, Double)] {
    var out: [(String, Double)] = []
    // The shape of the line: the user speaking of themselves ("i snapped at him"), asking a
    // question, or quoting the client.
    if structureWeight > 0 {
      if tokens.contains(where: { !$0.quoted && ["i", "myself", "my"].contains($0.word) }) { out.append(("@i", structureWeight)) }
      if let first = tokens.first, ["what", "how", "why", "is", "are", "can", "should", "do", "does", "when", "which"].contains(first.word) {
        out.append(("@ask", structureWeight))
      }
      if tokens.contains(where: \.quoted) { out.append(("@quote", structureWeight)) }
    }
    var previous: Token?
    for token in tokens where !token.isStopword {
      let stem = token.negated ? "!" + token.stem : token.stem
      if !token.isWeak {
        let concepts = lexicon.concepts(of: token.stem)
        // A word the knowledge never uses but a concept set knows ("livid") is read as its set.
        let standsForItsSet = !concepts.isEmpty && !(isKnown?(token.stem) ?? true)
        if !standsForItsSet { out.append((stem, 1)) }
        for concept in concepts {
          out.append(((token.negated ? "!~" : "~") + concept, standsForItsSet ? 1 : conceptWeight))
        }
        // A negated word still names the topic ("won't do the *homework*").
        if token.negated { out.append((token.stem, negatedTopicWeight)) }
      }
      if let previous, previous.clause == token.clause, !(previous.isWeak && token.isWeak) {
        let first = previous.negated ? "!" + previous.stem : previous.stem
        out.append((first + " " + stem, bigramWeight))
      }
      previous = token
    }
    return out
  }

  /// The safety screen's scan and the risk classifier's probability for a text, as `match`
  /// reads them first (for `/why` and the benchmarks).
  public func screenForRisk(_ text: String) -> (scan: SafetyScreen.Scan, probability: Double) {
    let tokens = TextAnalyzer.analyze(text)
    let scan = screen.scan(tokens)
    return (scan, risk.probability(tokens))
  }

  /// Matches one input.
  public func match(_ text: String) -> Match {
    var tokens = TextAnalyzer.analyze(text)
    var evidence = Match.Evidence()
    var scan = screen.scan(tokens)
    // Another language: only the screen's cues are read ("si" is Spanish for "if", not SI).
    let english = Language.looksEnglish(tokens)
    if !english {
      scan.cues.removeAll { $0.words == "si" || $0.words == "hi" }
      evidence.notEnglish = true
    }
    evidence.safetyCues = scan.cues
    // A denied risk ("no SI", "denies self-harm") is a screening note, not a description of
    // resistance: its words are left out of the match.
    for range in scan.denied.reversed() where range.upperBound <= tokens.count {
      for index in range { tokens[index].isStopword = true }
    }
    evidence.negated = tokens.filter { $0.negated && !$0.isStopword }.map(\.word)

    // Read unseen words as misspellings of known ones where one is close enough.
    var corrected = tokens
    for position in corrected.indices where !corrected[position].isStopword && !corrected[position].isWeak {
      let token = corrected[position]
      // A word a concept set knows ("livid") is read through its set, not as a misspelling of a
      // known word that looks like it ("living").
      guard index.features.index(of: token.stem) == nil, index.features.index(prefix: UInt8(ascii: "!"), token.stem) == nil,
        table.lexicon.concepts(of: token.stem).isEmpty, let fix = index.vocabulary.correction(for: token.word)
      else { continue }
      corrected[position].word = fix.word
      corrected[position].stem = fix.stem
      evidence.corrections.append("\(token.word) → \(fix.word)")
    }

    // The gram model reads every word but the denied ones, function words included, as the
    // baseline it follows does.
    let gramTokens = Self.outside(scan.denied, corrected)
    var scores = score(corrected, gramTokens: gramTokens)
    defer { scratch.give(&scores) }
    if readsAsUnknown(scores) { raiseBySegments(&scores, corrected, denied: scan.denied) }
    // The few best by total are all a match reads (the answer, the alternatives, the scores in
    // the evidence): picked in one pass, not by sorting every intent, which at a hundred times
    // the knowledge cost more than the rest of the match.
    // Locals, so the closures below capture two values and not a copy of the whole matcher.
    let safetyIndex = self.safetyIndex
    let noiseIndices = self.noiseIndices
    let ranked = Self.best(scores, count: 6) { $0 != safetyIndex && !noiseIndices.contains($0) }
    // The examples of `safety-risk` are a second net under the screen's cues: when they are
    // the nearest thing to the input, the input is treated as risk too. Either score can
    // raise it, so the logistic regression never lowers the net.
    var riskByExample = false
    if let safety = safetyIndex {
      let risk = scores[safety]
      let firstByTotal = Self.best(scores, count: 1) { _ in true }.first?.offset == safety && risk.total >= settings.riskExampleThreshold
      let firstBySimilarity = risk.similarity >= settings.riskExampleThreshold && !scores.contains { $0.similarity > risk.similarity }
      if firstByTotal || firstBySimilarity, let nearest = risk.nearest, nearest < keywordStart[safety] {
        riskByExample = true
        evidence.nearestExample = exampleText(nearest)
      }
    }
    // Examples of what the coach does not cover pull an input toward `unknown`.
    let noiseWins = Self.best(scores, count: 1) { $0 != safetyIndex }.first.map { noiseIndices.contains($0.offset) } ?? false
    evidence.scores = ranked.prefix(5).map { Match.Candidate(intent: intentIDs[$0.offset], confidence: Self.rounded($0.element.total)) }

    // The classifier reads the line without what a screening note denied ("no SI, just won't
    // talk"): the denied words say nothing of risk now.
    let undenied = Self.outside(scan.denied, tokens)
    // On a line of a word or two the classifier has too little to go on ("lol", "hostile
    // client"): the screen's cues read those.
    let contentWords = undenied.lazy.filter { !$0.isStopword }.count
    var probability = english && contentWords >= settings.classifierMinimumWords ? risk.probability(undenied) : 0
    // A line whose risk was screened for and denied ("she's not suicidal, just sick of being
    // told what to do") is read by the classifier only when it is all but sure.
    if !scan.denied.isEmpty, scan.cues.isEmpty, probability < settings.deniedRiskThreshold { probability = 0 }
    evidence.riskProbability = (probability * 1000).rounded() / 1000
    // A denied risk with no cue is not raised by a nearest example of risk either ("she's not
    // suicidal, just sick of being told what to do" shares "sick" with an overdose).
    if !scan.denied.isEmpty, scan.cues.isEmpty { riskByExample = false }
    let best = ranked.first
    let answersUnknown = !english || noiseWins || (best?.element.total ?? 0) < settings.threshold
    if safetyIndex != nil, let tier = tier(
        scan: scan, probability: probability, riskByExample: riskByExample, answersUnknown: answersUnknown,
        safetyRank: rank(of: safetyIndex, in: scores)) {
      let alternatives = ranked.prefix(3).map { Match.Candidate(intent: intentIDs[$0.offset], confidence: Self.rounded(confidence($0.element.total))) }
      evidence.words = evidence.safetyCues.isEmpty ? explain(corrected, intent: safetyIndex!) : evidence.safetyCues.map(\.words)
      var concerns = scan.concerns
      if concerns.isEmpty { concerns = risk.concerns(tokens) }
      // What the line is about besides the risk, for the coaching that follows a screen.
      let coaching = tier == .possible && !answersUnknown ? best.map { intentIDs[$0.offset] } : nil
      return Match(
        intent: "safety-risk", confidence: 1, alternatives: alternatives, backdrop: nil, ambiguous: false, evidence: evidence,
        tier: tier, concerns: concerns, coaching: coaching)
    }

    guard !answersUnknown, let best else {
      let near = ranked.prefix(3).map { Match.Candidate(intent: intentIDs[$0.offset], confidence: Self.rounded(confidence($0.element.total))) }
      return Match(intent: Match.unknown, confidence: Self.rounded(confidence(ranked.first?.element.total ?? 0)), alternatives: near, backdrop: nil, ambiguous: false, evidence: evidence)
    }

    var primary = best
    var backdrop: String?
    let kinds = intentKinds
    // Whether a sign and a situation are both described is asked of the similarity scores,
    // which each intent earns on its own; the logistic regression's probabilities compete, so
    // "court-ordered, just shrugs" would leave the sign little beside the situation.
    // A sign described against a situation ("court-ordered and silent"): the sign leads and the
    // situation frames it.
    if kinds[best.offset] == .situation,
      let sign = mostSimilar(scores, kind: .sign, except: best.offset),
      sign.element.similarity >= best.element.similarity * settings.signOverSituationRatio,
      sign.element.total >= settings.threshold
    {
      primary = sign
      backdrop = intentIDs[best.offset]
    } else if kinds[best.offset] == .sign,
      let situation = mostSimilar(scores, kind: .situation, except: best.offset),
      situation.element.similarity >= best.element.similarity * settings.backdropRatio,
      situation.element.total >= settings.threshold,
      situation.element.centroid > 0.2
    {
      backdrop = intentIDs[situation.offset]
    }
    let others = ranked.filter { $0.offset != primary.offset }
    let alternatives = others.prefix(3).map { Match.Candidate(intent: intentIDs[$0.offset], confidence: Self.rounded(confidence($0.element.total))) }
    let ambiguous = backdrop == nil && (others.first.map { $0.element.total >= primary.element.total * settings.ambiguityRatio } ?? false)

    evidence.words = explain(corrected, intent: primary.offset)
    if let nearest = primary.element.nearest { evidence.nearestExample = exampleText(nearest) }
    return Match(
      intent: intentIDs[primary.offset], confidence: Self.rounded(confidence(primary.element.total)),
      alternatives: alternatives, backdrop: backdrop, ambiguous: ambiguous, evidence: evidence)
  }

  /// How sure the screen and the classifier together are that a line holds risk: `risk` for a
  /// strong cue, a nearest example of risk, or a likely classifier the matcher agrees with;
  /// `possible` for a likely classifier it does not, a classifier in two minds, a weak cue the
  /// classifier does not rule out, or a weak cue alone in a line the coach would otherwise turn
  /// away; nil for none.
  func tier(
    scan: SafetyScreen.Scan, probability: Double, riskByExample: Bool, answersUnknown: Bool, safetyRank: @autoclosure () -> Int
  ) -> Match.Tier? {
    if scan.hasStrongCue || riskByExample { return .risk }
    // The classifier alone is sure only when the matcher's own reading does not place the line
    // well away from risk ("what if she gets mad at me?" reads as hostility): otherwise the
    // answer screens first, and the coaching follows.
    if probability >= settings.riskThreshold { return Double(safetyRank()) <= settings.classifierAgreementRank ? .risk : .possible }
    let weakCue = !scan.cues.isEmpty
    if probability >= settings.possibleThreshold || (weakCue && probability >= settings.weakCueThreshold) { return .possible }
    // A line the coach would otherwise turn away is screened on a weak cue alone.
    if answersUnknown, weakCue { return .possible }
    return nil
  }

  /// Where an intent ranks by total among the intents that are not noise (1 for the first);
  /// past every intent when there is none.
  func rank(of intent: Int?, in scores: [Score]) -> Int {
    guard let intent else { return scores.count + 1 }
    var above = 0
    for (offset, score) in scores.enumerated() where score.total > scores[intent].total && !noiseIndices.contains(offset) { above += 1 }
    return above + 1
  }

  /// The `count` intents with the highest total above zero that `include` accepts, highest
  /// first; of equal totals, the one listed first.
  static func best(_ scores: [Score], count: Int, where include: (Int) -> Bool) -> [(offset: Int, element: Score)] {
    guard count > 0 else { return [] }
    // Indices of the best so far, best first, in a buffer on the stack; a score that cannot
    // enter (most of them) costs one comparison.
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { top in
      var filled = 0
      scores.withUnsafeBufferPointer { scores in
        for offset in scores.indices {
          let total = scores[offset].total
          guard total > 0, filled < count || total > scores[top[filled - 1]].total, include(offset) else { continue }
          var position = min(filled, count - 1)
          while position > 0, scores[top[position - 1]].total < total {
            top[position] = top[position - 1]
            position -= 1
          }
          top[position] = offset
          filled = min(filled + 1, count)
        }
      }
      return (0..<filled).map { (top[$0], scores[top[$0]]) }
    }
  }

  /// Of the intents of a kind other than `except`, not safety nor noise, with a total above
  /// zero, the one most similar to the input; of equal similarities, the one with the higher
  /// total, then the one listed first.
  func mostSimilar(_ scores: [Score], kind: Intent.Kind, except: Int) -> (offset: Int, element: Score)? {
    var found: (offset: Int, element: Score)?
    for (offset, score) in scores.enumerated()
    where offset != except && intentKinds[offset] == kind && score.total > 0 && offset != safetyIndex && !noiseIndices.contains(offset) {
      guard let current = found else {
        found = (offset, score)
        continue
      }
      if score.similarity > current.element.similarity
        || (score.similarity == current.element.similarity && score.total > current.element.total)
      {
        found = (offset, score)
      }
    }
    return found
  }

  /// Sublinear term frequency: weights below one count as they are, repeats count less.
  static func damp(_ tf: Double) -> Double { tf <= 1 ? tf : 1 + log(tf) }

  struct Score {
    var nearestCosine: Double = 0
    var nearest: Int?
    var centroid: Double = 0
    /// The nearest example and the centroid blended, before the logistic regression.
    var similarity: Double = 0
    var total: Double = 0
  }

  /// Scores every intent for the tokens, through the inverted index.
  func score(_ tokens: [Token], gramTokens: [Token]) -> [Score] {
    var found: [(id: Int, order: Int, weight: Double)] = []
    var unseen = 0.0
    // A local, so the closure below captures the table alone and not a copy of the matcher.
    let known = index.features
    for (feature, weight) in Self.features(
          tokens, bigramWeight: settings.bigramWeight, negatedTopicWeight: settings.negatedTopicWeight, lexicon: table.lexicon,
          conceptWeight: settings.conceptWeight, structureWeight: settings.structureWeight,
          isKnown: { known.index(of: $0) != nil || known.index(prefix: UInt8(ascii: "!"), $0) != nil }) {
      if let id = known.index(of: feature) {
        found.append((id, found.count, weight))
      } else if !feature.utf8.contains(UInt8(ascii: " ")) {
        unseen += weight
      }
    }
    // In id order, with repeats summed in the order they came, so the sums (and ties) come out
    // the same on every run.
    found.sort { ($0.id, $0.order) < ($1.id, $1.order) }
    var weighted: [(Int, Double)] = []
    weighted.reserveCapacity(found.count)
    var position = 0
    while position < found.count {
      let id = found[position].id
      var sum = 0.0
      while position < found.count, found[position].id == id {
        sum += found[position].weight
        position += 1
      }
      weighted.append((id, Self.damp(sum) * idf(id)))
    }
    var norm = 0.0
    for (_, value) in weighted { norm += value * value }
    norm += unseen * (settings.unseenWeight * maximumIDF) * (settings.unseenWeight * maximumIDF)
    norm = sqrt(norm)
    var scores = scratch.takeScores(count: intentIDs.count)
    guard norm > 0 else {
      blend(&scores, query: [], gramTokens: gramTokens)
      return scores
    }

    // A buffer with a slot per example, taken from a pool and handed back zeroed where it was
    // touched: clearing one for every match would cost as much as the knowledge is large.
    var touched: [Int32] = []
    var exampleDots = scratch.take(count: exampleOwner.count)
    defer { scratch.give(&exampleDots, touched: touched) }
    let examples = index.examplePostings
    let centroids = index.centroidPostings
    exampleDots.withUnsafeMutableBufferPointer { dots in
      for (id, value) in weighted {
        let q = value / norm
        for position in examples[id] {
          let example = Int(examples.targets[position])
          guard UInt(bitPattern: example) < UInt(dots.count) else { continue }
          if dots[example] == 0 { touched.append(Int32(example)) }
          dots[example] += q * Double(examples.weights[position])
        }
      }
    }
    scores.withUnsafeMutableBufferPointer { scores in
      for (id, value) in weighted {
        let q = value / norm
        for position in centroids[id] {
          let intent = Int(centroids.targets[position])
          guard UInt(bitPattern: intent) < UInt(scores.count) else { continue }
          scores[intent].centroid += q * Double(centroids.weights[position])
        }
      }
      // The nearest example of each intent; of two equally near, the one written first.
      exampleDots.withUnsafeBufferPointer { dots in
        exampleOwner.withUnsafeBufferPointer { owners in
          for example in touched {
            let dot = dots[Int(example)]
            let owner = Int(owners[Int(example)])
            if dot > scores[owner].nearestCosine
              || (dot == scores[owner].nearestCosine && dot > 0 && Int(example) < scores[owner].nearest ?? Int.max)
            {
              scores[owner].nearestCosine = dot
              scores[owner].nearest = Int(example)
            }
          }
        }
      }
    }
    let w = settings.nearestWeight
    for index in scores.indices {
      scores[index].similarity = w * scores[index].nearestCosine + (1 - w) * scores[index].centroid
    }
    blend(&scores, query: weighted.map { ($0.0, $0.1 / norm) }, gramTokens: gramTokens)
    return scores
  }

  /// The tokens (of `range`, or all) that stand outside every denied range.
  static func outside(_ denied: [Range<Int>], _ tokens: [Token], within range: Range<Int>? = nil) -> [Token] {
    let range = range ?? tokens.indices
    guard !denied.isEmpty else { return Array(tokens[range]) }
    return range.filter { position in !denied.contains { $0.contains(position) } }.map { tokens[$0] }
  }

  /// Whether scores would turn a line away: `unknown` first, or nothing over the threshold.
  func readsAsUnknown(_ scores: [Score]) -> Bool {
    let safetyIndex = self.safetyIndex
    guard let first = Self.best(scores, count: 1, where: { $0 != safetyIndex }).first else { return true }
    return noiseIndices.contains(first.offset) || first.element.total < settings.threshold
  }

  /// A long description the whole of which reads as `unknown` is read again a few clauses at
  /// a time, and each intent keeps its best reading, whole or in part: the sign buried in a
  /// paragraph of session detail ("... and then he just talked over me the whole time ...") is
  /// not lost among the words around it. Only then: a clause of detail read alone would often
  /// outweigh the reading of the whole ("we went over the calendar" alone is sidetracking).
  /// `unknown` and `safety-risk` keep the whole line's scores: a part can raise an intent,
  /// never the noise that would turn the line away, and risk has its own screen and classifier.
  func raiseBySegments(_ scores: inout [Score], _ tokens: [Token], denied: [Range<Int>]) {
    for segment in Self.segments(tokens) {
      let part = Array(tokens[segment])
      let gramPart = Self.outside(denied, tokens, within: segment)
      var partScores = score(part, gramTokens: gramPart)
      for intent in scores.indices where intent != safetyIndex && !noiseIndices.contains(intent) && partScores[intent].total > scores[intent].total {
        scores[intent] = partScores[intent]
      }
      scratch.give(&partScores)
    }
  }

  /// The parts a long line is read in: runs of whole clauses of at least `segmentTokens`
  /// tokens (a short last run joins the one before); none for a line shorter than
  /// `segmentMinimum` tokens or of a single part.
  static func segments(_ tokens: [Token], segmentTokens: Int = 10, segmentMinimum: Int = 20) -> [Range<Int>] {
    guard tokens.count >= segmentMinimum else { return [] }
    var found: [Range<Int>] = []
    var start = 0
    for position in 1..<tokens.count where tokens[position].clause != tokens[position - 1].clause && position - start >= segmentTokens {
      found.append(start..<position)
      start = position
    }
    if tokens.count - start >= segmentTokens / 2 || found.isEmpty {
      found.append(start..<tokens.count)
    } else {
      found[found.count - 1] = found[found.count - 1].lowerBound..<tokens.count
    }
    return found.count > 1 ? found : []
  }

  /// Sets each intent's total: its similarity, blended with the two regressions' probabilities
  /// (the stems' on the unit query vector, the grams' on the tokens) by their weights.
  func blend(_ scores: inout [Score], query: [(id: Int, value: Double)], gramTokens: [Token]) {
    let l = settings.linearWeight
    let g = settings.gramWeight
    for index in scores.indices { scores[index].total = (1 - l - g) * scores[index].similarity }
    if l > 0, !query.isEmpty {
      let probabilities = index.linear.probabilities(query)
      for index in scores.indices { scores[index].total += l * probabilities[index] }
    }
    if g > 0 {
      let probabilities = index.grams.probabilities(gramTokens)
      for index in scores.indices { scores[index].total += g * probabilities[index] }
    }
  }

  /// The input's words that weigh most toward an intent.
  func explain(_ tokens: [Token], intent: Int) -> [String] {
    var weights: [(String, Double)] = []
    for token in tokens where !token.isStopword && !token.isWeak {
      let feature = token.negated ? "!" + token.stem : token.stem
      let centroids = index.centroidPostings
      guard let id = index.features.index(of: feature),
        let position = centroids[id].first(where: { centroids.targets[$0] == Int32(intent) })
      else { continue }
      let word = token.negated ? "not " + token.word : token.word
      if !weights.contains(where: { $0.0 == word }) { weights.append((word, Double(centroids.weights[position]) * idf(id))) }
    }
    return weights.sorted { $0.1 > $1.1 }.prefix(6).map(\.0)
  }

  /// Maps a raw score to a confidence in 0...1: the threshold maps to 0.4, a perfect match to 1.
  func confidence(_ score: Double) -> Double {
    let t = settings.threshold
    if score <= 0 { return 0 }
    if score < t { return 0.4 * score / t }
    return min(1, 0.4 + 0.6 * (score - t) / (0.75 - t))
  }

  static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
