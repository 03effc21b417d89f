#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A multinomial logistic regression over the matcher's tf-idf vectors: the discriminative half
/// of the matcher, as Snips NLU trains one over n-grams with noise utterances for its None intent.
///
/// Where the nearest example and the centroid ask "what does this look like?", the model learns
/// which features tell one intent from the others ("court" says mandated; "client" says
/// nothing). It is trained from the same vectors the index holds, by stochastic gradient
/// descent with L2 decay, in a fixed order so every run gives the same weights.
///
/// It is sparse: a feature has a weight only for the intents whose examples use it (the pairs
/// of the centroid postings), so the model grows with the knowledge, not with features ×
/// intents, and a match touches only the weights of the words it has.
struct LinearModel: Sendable, Equatable {
  /// One training vector: unit-length tf-idf features and its intent.
  struct Row {
    var features: [(id: Int, value: Double)]
    var label: Int
  }

  /// The number of intents (classes).
  let classCount: Int
  /// Per feature, the run of intents it has a weight for (the centroid postings' layout).
  let pairs: Matcher.Postings
  /// The weights, one per pair, in steps of `step`. Sixteen bits keep the scores to four
  /// decimals or so, halve the memory, and let a snapshot hold them in three ASCII digits each.
  let weights: Packed<Int16>
  /// What one unit of a stored weight is worth.
  let step: Float
  /// One bias per intent.
  let bias: [Float]
  /// exp(bias - largest bias), per intent: the unnormalised probability of an intent no
  /// feature of the query weighs.
  let biasExponentials: [Float]
  /// The largest bias.
  let largestBias: Float

  /// A model read back from a snapshot.
  init(classCount: Int, pairs: Matcher.Postings, weights: Packed<Int16>, step: Float, bias: [Float]) {
    self.classCount = classCount
    self.pairs = pairs
    self.weights = weights
    self.step = step
    self.bias = bias
    biasExponentials = Self.exponentials(bias)
    largestBias = bias.max() ?? 0
  }

  static func exponentials(_ bias: [Float]) -> [Float] {
    let largest = bias.max() ?? 0
    return bias.map { exp($0 - largest) }
  }

  static func == (a: LinearModel, b: LinearModel) -> Bool {
    a.classCount == b.classCount && a.pairs == b.pairs && a.weights == b.weights && a.step == b.step && a.bias == b.bias
  }

  /// A model that scores nothing, for a matcher that does not use one.
  init(classCount: Int) {
    self.init(classCount: classCount, pairs: Matcher.Postings([]), weights: Packed([]), step: 0, bias: [Float](repeating: 0, count: classCount))
  }

  /// Trains on the rows, with a weight for each pair of `pairs`.
  /// - Parameters:
  ///   - epochs: passes over the rows.
  ///   - l2: L2 decay per unit of learning rate.
  ///   - learningRate: the first pass's step; later passes take `rate / (1 + epoch)`.
  init(rows: [Row], pairs: Matcher.Postings, classCount: Int, epochs: Int, l2: Double, learningRate: Double) {
    self.classCount = classCount
    self.pairs = pairs
    let c = classCount
    // The weights are kept as `scale × stored`, so the L2 decay of every weight is one
    // multiplication per step instead of a pass over all of them.
    var stored = [Float](repeating: 0, count: pairs.targets.count)
    var scale: Float = 1
    var bias = [Float](repeating: 0, count: c)
    var order = Array(rows.indices)
    var random = SplitMix(seed: 0x5EED)
    var logits = [Float](repeating: 0, count: c)
    let flat = rows.map { row in row.features.map { (run: pairs[$0.id], value: Float($0.value)) } }
    // Training runs when the index is built, not at start-up: the pairs' targets are copied
    // into an array for its inner loop.
    let targets = Array(pairs.targets)
    stored.withUnsafeMutableBufferPointer { w in
      logits.withUnsafeMutableBufferPointer { p in
        bias.withUnsafeMutableBufferPointer { b in
          targets.withUnsafeBufferPointer { target in
            for epoch in 0..<max(epochs, 0) {
              // A fixed shuffle per pass: the same on every run.
              for index in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(index, Int(random.next() % UInt64(index + 1)))
              }
              let rate = Float(learningRate / (1 + Double(epoch)))
              for number in order {
                for k in 0..<c { p[k] = b[k] }
                for (run, value) in flat[number] {
                  let v = value * scale
                  for pair in run { p[Int(target[pair])] += v * w[pair] }
                }
                Self.softmax(p)
                p[rows[number].label] -= 1
                scale *= 1 - rate * Float(l2)
                for (run, value) in flat[number] {
                  let g = rate * value / scale
                  for pair in run { w[pair] -= g * p[Int(target[pair])] }
                }
                for k in 0..<c { b[k] -= rate * p[k] }
                if scale < 1e-3 {
                  for index in w.indices { w[index] *= scale }
                  scale = 1
                }
              }
            }
          }
        }
      }
    }
    let trained = stored.map { $0 * scale }
    let largest = trained.reduce(0) { max($0, abs($1)) }
    let unit = largest > 0 ? largest / Float(Int16.max) : 1
    step = unit
    weights = Packed(trained.map { Int16(($0 / unit).rounded()) })
    self.bias = bias
    biasExponentials = Self.exponentials(bias)
    largestBias = bias.max() ?? 0
  }

  /// The probability of each intent for a query vector (the same unit tf-idf features).
  ///
  /// Only the intents the query's features weigh get an exponential of their own; the others'
  /// logits are their biases, whose exponentials are worked out once, with the model: at a
  /// hundred times the knowledge the exponentials were half the cost of a match.
  func probabilities(_ query: [(id: Int, value: Double)]) -> [Double] {
    guard !weights.isEmpty else { return [Double](repeating: 0, count: classCount) }
    var logits = bias
    // The intents the query weighs, each listed once.
    var touched: [Int32] = []
    var isTouched = [Bool](repeating: false, count: classCount)
    var top = largestBias
    logits.withUnsafeMutableBufferPointer { p in
      isTouched.withUnsafeMutableBufferPointer { isTouched in
        for (id, value) in query where id < pairs.ends.count {
          let scaled = Float(value) * step
          for pair in pairs[id] where pair < weights.count {
            let k = Int(pairs.targets[pair])
            guard UInt(bitPattern: k) < UInt(p.count) else { continue }
            p[k] += scaled * Float(weights[pair])
            if !isTouched[k] {
              isTouched[k] = true
              touched.append(Int32(k))
            }
          }
        }
        for k in touched { top = max(top, p[Int(k)]) }
        // exp(bias - top) = exp(bias - largest) × exp(largest - top).
        let shift = exp(largestBias - top)
        let logits = UnsafeMutableBufferPointer(rebasing: p[...])
        for k in touched { logits[Int(k)] = exp(logits[Int(k)] - top) }
        biasExponentials.withUnsafeBufferPointer { e in
          for k in 0..<classCount where !isTouched[k] { logits[k] = e[k] * shift }
        }
      }
      var sum: Float = 0
      for k in 0..<classCount { sum += p[k] }
      for k in 0..<classCount { p[k] /= sum }
    }
    return logits.map(Double.init)
  }

  static func softmax(_ values: UnsafeMutableBufferPointer<Float>) {
    let top = values.max() ?? 0
    var sum: Float = 0
    for index in values.indices {
      values[index] = exp(values[index] - top)
      sum += values[index]
    }
    for index in values.indices { values[index] /= sum }
  }
}

/// A small deterministic random number generator (SplitMix64), so training is the same on every
/// run and platform.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
