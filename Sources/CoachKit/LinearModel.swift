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
/// nothing). It is trained in `Matcher.init` from the same vectors the index holds, by
/// stochastic gradient descent with L2 decay, in a fixed order so every run gives the same
/// weights.
struct LinearModel: Sendable, Equatable {
  /// One training vector: unit-length tf-idf features and its intent.
  struct Row {
    var features: [(id: Int, value: Double)]
    var label: Int
  }

  /// The number of intents (classes).
  let classCount: Int
  /// Feature-major weights, in steps of `step`: `weights[feature * classCount + intent]`.
  /// Sixteen bits keep the scores to four decimals or so, halve the memory, and let a snapshot
  /// hold them in three ASCII digits each instead of six.
  let weights: [Int16]
  /// What one unit of a stored weight is worth.
  let step: Float
  /// One bias per intent.
  let bias: [Float]

  /// A model read back from a snapshot.
  init(classCount: Int, weights: [Int16], step: Float, bias: [Float]) {
    self.classCount = classCount
    self.weights = weights
    self.step = step
    self.bias = bias
  }

  /// A model that scores nothing, for a matcher that does not use one.
  init(classCount: Int) {
    self.classCount = classCount
    weights = []
    step = 0
    bias = [Float](repeating: 0, count: classCount)
  }

  /// Trains on the rows.
  /// - Parameters:
  ///   - featureCount: the number of feature ids.
  ///   - epochs: passes over the rows.
  ///   - l2: L2 decay per unit of learning rate.
  ///   - learningRate: the first pass's step; later passes take `rate / (1 + epoch)`.
  init(rows: [Row], featureCount: Int, classCount: Int, epochs: Int, l2: Double, learningRate: Double) {
    self.classCount = classCount
    let c = classCount
    // The rows flattened, so the inner loops read plain arrays.
    var rowStart = [0]
    var ids: [Int] = []
    var values: [Float] = []
    for row in rows {
      for (id, value) in row.features {
        ids.append(id)
        values.append(Float(value))
      }
      rowStart.append(ids.count)
    }
    // The weights are kept as `scale × stored`, so the L2 decay of every weight is one
    // multiplication per step instead of a pass over the whole matrix.
    var stored = [Float](repeating: 0, count: featureCount * c)
    var scale: Float = 1
    var bias = [Float](repeating: 0, count: c)
    var order = Array(rows.indices)
    var random = SplitMix(seed: 0x5EED)
    var logits = [Float](repeating: 0, count: c)
    stored.withUnsafeMutableBufferPointer { w in
      logits.withUnsafeMutableBufferPointer { p in
        bias.withUnsafeMutableBufferPointer { b in
          for epoch in 0..<max(epochs, 0) {
            // A fixed shuffle per pass: the same on every run.
            for index in stride(from: order.count - 1, to: 0, by: -1) {
              order.swapAt(index, Int(random.next() % UInt64(index + 1)))
            }
            let rate = Float(learningRate / (1 + Double(epoch)))
            for number in order {
              let span = rowStart[number]..<rowStart[number + 1]
              for k in 0..<c { p[k] = b[k] }
              for f in span {
                let base = ids[f] * c
                let v = values[f] * scale
                for k in 0..<c { p[k] += v * w[base + k] }
              }
              Self.softmax(p)
              p[rows[number].label] -= 1
              let step = rate
              scale *= 1 - rate * Float(l2)
              for f in span {
                let base = ids[f] * c
                let g = step * values[f] / scale
                for k in 0..<c { w[base + k] -= g * p[k] }
              }
              for k in 0..<c { b[k] -= step * p[k] }
              if scale < 1e-3 {
                for index in w.indices { w[index] *= scale }
                scale = 1
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
    weights = trained.map { Int16(($0 / unit).rounded()) }
    self.bias = bias
  }

  /// The probability of each intent for a query vector (the same unit tf-idf features).
  func probabilities(_ query: [(id: Int, value: Double)]) -> [Double] {
    var logits = bias
    guard !weights.isEmpty else { return logits.map { _ in 0 } }
    let c = classCount
    weights.withUnsafeBufferPointer { weights in
      for (id, value) in query where (id + 1) * c <= weights.count {
        let base = id * c
        let scaled = Float(value) * step
        for k in 0..<c { logits[k] += scaled * Float(weights[base + k]) }
      }
    }
    logits.withUnsafeMutableBufferPointer { Self.softmax($0) }
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
