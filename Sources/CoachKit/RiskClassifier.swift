#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A binary classifier of risk beside the safety screen's cues, so that a way of saying risk
/// that no cue names ("told me not to bother booking the next one, he won't be needing it") is
/// still caught: a logistic regression over hashed features, trained when the binary is built on
/// every `safety-risk` example against every other example (look-alikes included).
///
/// Features are what survives people's typing: each word, its stem and its character 3- to
/// 5-grams (so "kil" and "cuttign" share most of their features with "kill" and "cutting"), and
/// neighbouring stem pairs. A long description is read in windows of a few words and scored by
/// its riskiest window, so risk buried in a paragraph about resistance is not averaged away.
///
/// The weights live in a fixed table of 2^17 slots (features share a slot when their hashes
/// do), sixteen bits each: a snapshot holds them as they are and a line costs one lookup per
/// feature. A `--knowledge` folder never retrains it: a clinic's files can add cues, not weaken
/// the shipped ones.
public struct RiskClassifier: Sendable, Equatable {
  static let bits = 17
  static var slotCount: Int { 1 << bits }
  /// How many tokens a window holds, and how far the next one starts.
  static let window = 12
  static let windowStride = 4

  /// The weights, in steps of `step`.
  let weights: Packed<Int16>
  let step: Float
  let bias: Float
  /// Which concern a line of risk is about, one against the rest for each of
  /// ``SafetyScreen/concerns``: a smaller table of `concernSlots` per concern, in steps of
  /// `concernStep`, trained on the risk examples whose writers named their concerns.
  let concernWeights: Packed<Int16>
  let concernStep: Float
  let concernBias: [Float]
  static let concernBits = 12
  static var concernSlots: Int { 1 << concernBits }

  /// A classifier that calls nothing risk (no examples of risk to learn from).
  static let empty = RiskClassifier(weights: Packed([]), step: 0, bias: -20, concernWeights: Packed([]), concernStep: 0, concernBias: [])

  init(weights: Packed<Int16>, step: Float, bias: Float, concernWeights: Packed<Int16>, concernStep: Float, concernBias: [Float]) {
    self.weights = weights
    self.step = step
    self.bias = bias
    self.concernWeights = concernWeights
    self.concernStep = concernStep
    self.concernBias = concernBias
  }

  /// The concerns a text of risk is most likely about: each one the model gives better than
  /// even odds, or the likeliest one.
  func concerns(_ tokens: [Token]) -> [String] {
    let names = SafetyScreen.concerns
    guard concernBias.count == names.count, concernWeights.count == names.count * Self.concernSlots, !tokens.isEmpty else { return [] }
    let (slots, counts) = Self.features(of: tokens)
    let mask = Int32(Self.concernSlots - 1)
    let scores = names.indices.map { concern in
      zip(slots, counts).reduce(concernBias[concern]) { sum, pair in
        sum + Float(concernWeights[concern * Self.concernSlots + Int(pair.0 & mask)]) * concernStep * pair.1
      }
    }
    let likely = names.indices.filter { scores[$0] > 0 }.map { names[$0] }
    if !likely.isEmpty { return likely }
    return scores.indices.max { scores[$0] < scores[$1] }.map { [names[$0]] } ?? []
  }

  /// The weight of a slot; zero outside the table (an empty or damaged one).
  @inline(__always) func weight(_ slot: Int32) -> Float {
    let index = Int(slot)
    return index < weights.count ? Float(weights[index]) * step : 0
  }

  /// The probability that a text describes risk: that of its riskiest window.
  func probability(_ tokens: [Token]) -> Double {
    guard !tokens.isEmpty, !weights.isEmpty else { return 0 }
    var own: [Float] = []
    var pairs: [Float] = []
    own.reserveCapacity(tokens.count)
    pairs.reserveCapacity(tokens.count)
    var slots: [Int32] = []
    for (position, token) in tokens.enumerated() {
      slots.removeAll(keepingCapacity: true)
      Self.features(of: token, into: &slots)
      own.append(slots.reduce(0) { $0 + weight($1) })
      pairs.append(position > 0 ? weight(Self.pair(tokens[position - 1], token)) : 0)
    }
    let score = Self.riskiestWindow(own: own, pairs: pairs, bias: bias).score
    return 1 / (1 + exp(-Double(score)))
  }

  /// The window of tokens with the highest score, given each token's own score and the score
  /// of each token's pair with the one before it (not counted at a window's first token).
  static func riskiestWindow(own: [Float], pairs: [Float], bias: Float) -> (score: Float, range: Range<Int>) {
    // Walked, not gathered into an array: this runs for every line.
    var best = (score: -Float.infinity, range: 0..<0)
    forEachWindow(own: own, pairs: pairs, bias: bias) { score, range in
      if score > best.score { best = (score, range) }
    }
    return best
  }

  // MARK: Features

  /// FNV-1a over a kind byte and the bytes given, folded into a table of `2^bits` slots (two
  /// parts are joined by a space). Not variadic: a variadic call builds an array, and this runs
  /// for every character n-gram of every line.
  @inline(__always) static func hash(
    _ kind: UInt8, _ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>? = nil, bits: Int = bits
  ) -> Int32 {
    var hash: UInt32 = 2_166_136_261
    hash = (hash ^ UInt32(kind)) &* 16_777_619
    for byte in first { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    if let second {
      hash = (hash ^ 32) &* 16_777_619
      for byte in second { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    }
    return Int32(bitPattern: hash & UInt32((1 << bits) - 1))
  }

  /// The slot of a kind byte alone.
  static func hash(_ kind: UInt8) -> Int32 {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { empty in hash(kind, UnsafeBufferPointer(rebasing: empty[0..<0])) }
  }

  /// The slots of one token: its word (marked when negated), its stem, its character n-grams.
  static func features(of token: Token, into slots: inout [Int32]) {
    var word = token.word
    var stem = token.stem
    word.withUTF8 { word in
      slots.append(hash(token.negated ? UInt8(ascii: "!") : UInt8(ascii: "w"), word))
      guard word.count <= 40 else { return }
      grams(of: word, bits: bits) { slots.append($0) }
    }
    stem.withUTF8 { slots.append(hash(UInt8(ascii: "s"), $0)) }
  }

  /// The slots of a word's character n-grams of the lengths given, padded as "<word>" so the
  /// grams at its edges differ from those inside.
  @inline(__always) static func grams(
    of word: UnsafeBufferPointer<UInt8>, lengths: ClosedRange<Int> = 3...5, bits: Int, _ body: (Int32) -> Void
  ) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count + 2) { padded in
      padded[0] = UInt8(ascii: "<")
      for index in word.indices { padded[index + 1] = word[index] }
      padded[word.count + 1] = UInt8(ascii: ">")
      let all = UnsafeBufferPointer(padded)
      for length in lengths where length <= all.count {
        for start in 0...(all.count - length) {
          body(hash(UInt8(ascii: "0") + UInt8(length), UnsafeBufferPointer(rebasing: all[start..<start + length]), bits: bits))
        }
      }
    }
  }

  /// The slot of two neighbouring tokens' stems ("to die"), or of a clause break between them.
  static func pair(_ first: Token, _ second: Token) -> Int32 {
    var a = first.stem
    var b = second.stem
    guard first.clause == second.clause else { return hash(UInt8(ascii: "|")) }
    return a.withUTF8 { a in b.withUTF8 { b in hash(UInt8(ascii: "b"), a, b) } }
  }

  // MARK: Training

  /// Trains on analysed examples, each risk or not, with the concerns its writer named.
  static func train(
    _ examples: [(tokens: [Token], risk: Bool, concerns: [String])], epochs: Int = 6, l2: Float = 1e-5, riskWeight: Float = 1
  ) -> RiskClassifier {
    guard examples.contains(where: \.risk) else { return .empty }
    let (weights, bias) = windowedLogistic(examples.map { ($0.tokens, $0.risk) }, epochs: epochs, l2: l2, positiveWeight: riskWeight)
    let step = scale(weights)
    // One concern against the others, on the risk lines whose concerns are named.
    let named = examples.filter { $0.risk && !$0.concerns.isEmpty }
    let mask = Int32(concernSlots - 1)
    let folded = named.map { example in counted(features(of: example.tokens).slots.map { $0 & mask }) }
    var concernWeights: [Float] = []
    var concernBias: [Float] = []
    for concern in SafetyScreen.concerns {
      let concernRows = zip(named, folded).map { example, slots in (slots, example.concerns.contains(concern)) }
      let (weights, bias) = logistic(concernRows, slotCount: concernSlots, epochs: epochs, l2: l2, positiveWeight: 1)
      concernWeights += weights
      concernBias.append(bias)
    }
    let concernStep = scale(concernWeights)
    return RiskClassifier(
      weights: Packed(weights.map { Int16(($0 / step).rounded()) }), step: step, bias: bias,
      concernWeights: Packed(concernWeights.map { Int16(($0 / concernStep).rounded()) }), concernStep: concernStep,
      concernBias: concernBias)
  }

  /// The step that fits the largest weight into sixteen bits.
  static func scale(_ weights: [Float]) -> Float {
    let largest = weights.reduce(0) { max($0, abs($1)) }
    return largest > 0 ? largest / 32_767 : 1
  }

  /// A text's slots (with repeats, in order of the tokens), then sorted, each once, with its count.
  static func features(of tokens: [Token]) -> (slots: [Int32], counts: [Float]) {
    var slots: [Int32] = []
    for (position, token) in tokens.enumerated() {
      features(of: token, into: &slots)
      if position > 0 { slots.append(pair(tokens[position - 1], token)) }
    }
    return counted(slots)
  }

  /// Slots sorted, each once, with its count.
  static func counted(_ slots: [Int32]) -> (slots: [Int32], counts: [Float]) {
    var unique: [Int32] = []
    var counts: [Float] = []
    for slot in slots.sorted() {
      if unique.last == slot {
        counts[counts.count - 1] += 1
      } else {
        unique.append(slot)
        counts.append(1)
      }
    }
    return (unique, counts)
  }

  /// Logistic regression on each text's riskiest window, as it is read: each step finds that
  /// window under the weights so far and learns from it (risk lines from where the risk is,
  /// other lines from the window that looks most like risk). AdaGrad with L2 decay.
  static func windowedLogistic(_ texts: [([Token], Bool)], epochs: Int, l2: Float, positiveWeight: Float) -> (weights: [Float], bias: Float) {
    // Per text, per token: its slots, and the slot of its pair with the token before.
    let rows: [(own: [[Int32]], pairs: [Int32], risk: Bool)] = texts.map { tokens, risk in
      var own: [[Int32]] = []
      var pairs: [Int32] = []
      for (position, token) in tokens.enumerated() {
        var slots: [Int32] = []
        features(of: token, into: &slots)
        own.append(slots)
        pairs.append(position > 0 ? pair(tokens[position - 1], token) : -1)
      }
      return (own, pairs, risk)
    }
    var weights = [Float](repeating: 0, count: slotCount)
    var squares = [Float](repeating: 1e-8, count: slotCount)
    var bias: Float = 0
    var biasSquares: Float = 1e-8
    let rate: Float = 0.3
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    var order = Array(rows.indices)
    for _ in 0..<epochs {
      shuffle(&order, seed: &seed)
      for index in order where !rows[index].own.isEmpty {
        let row = rows[index]
        let own = row.own.map { $0.reduce(Float(0)) { $0 + weights[Int($1)] } }
        let pairs = row.pairs.map { $0 < 0 ? 0 : weights[Int($0)] }
        // A risk line is learned from its riskiest window; every window of any other line is
        // a window without risk (multiple-instance learning), so that a word common in both
        // ("if", "gets") is pushed down wherever it stands, not only where it looked riskiest.
        let windows = row.risk ? [riskiestWindow(own: own, pairs: pairs, bias: bias)] : allWindows(own: own, pairs: pairs, bias: bias)
        for (score, range) in windows {
          let probability = 1 / (1 + exp(-score))
          let gradient = (probability - (row.risk ? 1 : 0)) * (row.risk ? positiveWeight : 1)
          func learn(_ slot: Int32) {
            let slot = Int(slot)
            let g = gradient + l2 * weights[slot]
            squares[slot] += g * g
            weights[slot] -= rate * g / squares[slot].squareRoot()
          }
          for position in range {
            for slot in row.own[position] { learn(slot) }
            if position > range.lowerBound { learn(row.pairs[position]) }
          }
          biasSquares += gradient * gradient
          bias -= rate * gradient / biasSquares.squareRoot()
        }
      }
    }
    return (weights, bias)
  }

  /// Every window of tokens with its score, as ``riskiestWindow(own:pairs:bias:)`` reads them.
  static func allWindows(own: [Float], pairs: [Float], bias: Float) -> [(score: Float, range: Range<Int>)] {
    var found: [(score: Float, range: Range<Int>)] = []
    forEachWindow(own: own, pairs: pairs, bias: bias) { found.append(($0, $1)) }
    return found
  }

  /// Calls `body` with each window's score and tokens: `window` tokens every `windowStride`,
  /// the last one ending at the last token; a token's pair counts only inside its window.
  static func forEachWindow(own: [Float], pairs: [Float], bias: Float, _ body: (Float, Range<Int>) -> Void) {
    var start = 0
    while true {
      let end = min(start + window, own.count)
      var score = bias
      for position in start..<end {
        score += own[position]
        if position > start { score += pairs[position] }
      }
      body(score, start..<end)
      if end >= own.count { break }
      start += windowStride
    }
  }

  /// A new order for a pass, the same on every build (an LCG).
  static func shuffle(_ order: inout [Int], seed: inout UInt64) {
    for index in stride(from: order.count - 1, to: 0, by: -1) {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      order.swapAt(index, Int(seed >> 33) % (index + 1))
    }
  }

  /// Binary logistic regression by AdaGrad with L2 decay, in a fixed shuffled order, so every
  /// build gives the same weights.
  static func logistic(
    _ rows: [((slots: [Int32], counts: [Float]), Bool)], slotCount: Int, epochs: Int, l2: Float, positiveWeight: Float
  ) -> (weights: [Float], bias: Float) {
    var weights = [Float](repeating: 0, count: slotCount)
    var squares = [Float](repeating: 1e-8, count: slotCount)
    var bias: Float = 0
    var biasSquares: Float = 1e-8
    let rate: Float = 0.5
    var order = Array(rows.indices)
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<epochs {
      shuffle(&order, seed: &seed)
      for index in order {
        let ((slots, counts), positive) = rows[index]
        var score = bias
        for (slot, count) in zip(slots, counts) { score += weights[Int(slot)] * count }
        let probability = 1 / (1 + exp(-score))
        let gradient = (probability - (positive ? 1 : 0)) * (positive ? positiveWeight : 1)
        for (slot, count) in zip(slots, counts) {
          let slot = Int(slot)
          let g = gradient * count + l2 * weights[slot]
          squares[slot] += g * g
          weights[slot] -= rate * g / squares[slot].squareRoot()
        }
        biasSquares += gradient * gradient
        bias -= rate * gradient / biasSquares.squareRoot()
      }
    }
    return (weights, bias)
  }
}
