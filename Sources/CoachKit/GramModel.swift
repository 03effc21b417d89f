#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The matcher's second classifier: a multinomial logistic regression over hashed words, word
/// pairs and character 4-grams, close to the features of the strongest standard baseline
/// (scikit-learn's word 1-2 + char_wb 3-5 tf-idf logistic regression), which ranked the intents
/// of outside writers' lines better than the stems alone: "cuttign", "convo" and "mtg" share
/// grams with the words they stand for, and a word no example uses weighs nothing instead of
/// pulling the line toward `unknown`. Grams of four letters alone ranked the dev sets' lines
/// within half a point of three to five, at a third of the weights a match reads.
///
/// Each family (words and pairs; grams) is a tf-idf vector of its own, unit length, so a long
/// word does not outweigh the words around it. A slot's inverse frequency is that of the intents
/// whose examples use it, which the model's own pairs already list, so it costs no table of its
/// own. The weights are sparse, as ``LinearModel``'s are: a slot weighs only the intents that use
/// it and `unknown`.
struct GramModel: Sendable, Equatable {
  static let bits = 18
  static var slotCount: Int { 1 << bits }

  /// The regression; its feature ids are slots.
  let linear: LinearModel

  /// A model that scores nothing.
  init(classCount: Int) { linear = LinearModel(classCount: classCount) }

  init(linear: LinearModel) { self.linear = linear }

  /// Trains on each example's tokens and intent.
  /// - Parameter noise: the intent every slot weighs against, as ``LinearModel``'s pairs do.
  init(examples: [(tokens: [Token], intent: Int)], classCount: Int, noise: Int?, epochs: Int, l2: Double, learningRate: Double) {
    let slotted = examples.map { (Self.slots(of: $0.tokens), $0.intent) }
    // Which intents use each slot: the regression's pairs, and the slot's inverse frequency.
    var users = [[Int32]](repeating: [], count: Self.slotCount)
    for (slots, intent) in slotted {
      for family in [slots.words, slots.grams] {
        for slot in family where !users[Int(slot)].contains(Int32(intent)) {
          users[Int(slot)].append(Int32(intent))
        }
      }
    }
    var ends: [Int32] = []
    var targets: [Int32] = []
    ends.reserveCapacity(Self.slotCount)
    for run in users {
      var intents = run
      if !run.isEmpty, let noise, !run.contains(Int32(noise)) { intents.append(Int32(noise)) }
      targets += intents.sorted()
      ends.append(Int32(targets.count))
    }
    let pairs = Matcher.Postings(ends: Packed(ends), targets: Packed(targets), weights: Packed([]))
    let rows = slotted.map { slots, intent in LinearModel.Row(features: Self.vector(slots, pairs: pairs, classCount: classCount), label: intent) }
    linear = LinearModel(rows: rows, pairs: pairs, classCount: classCount, epochs: epochs, l2: l2, learningRate: learningRate)
  }

  /// The probability of each intent for a line's tokens.
  func probabilities(_ tokens: [Token]) -> [Double] {
    guard !linear.weights.isEmpty else { return [Double](repeating: 0, count: linear.classCount) }
    return linear.probabilities(Self.vector(Self.slots(of: tokens), pairs: linear.pairs, classCount: linear.classCount))
  }

  // MARK: Features

  /// A line's slots, by family, with repeats.
  static func slots(of tokens: [Token]) -> (words: [Int32], grams: [Int32]) {
    var words: [Int32] = []
    var grams: [Int32] = []
    words.reserveCapacity(tokens.count * 2)
    grams.reserveCapacity(tokens.count * 12)
    var previous: Token?
    for token in tokens {
      var word = token.word
      word.withUTF8 { bytes in
        words.append(RiskClassifier.hash(token.negated ? UInt8(ascii: "!") : UInt8(ascii: "w"), bytes, bits: bits))
        guard bytes.count <= 40 else { return }
        RiskClassifier.grams(of: bytes, lengths: 4...4, bits: bits) { grams.append($0) }
      }
      if var before = previous?.word, previous?.clause == token.clause {
        before.withUTF8 { a in word.withUTF8 { b in words.append(RiskClassifier.hash(UInt8(ascii: "b"), a, b, bits: bits)) } }
      }
      previous = token
    }
    return (words, grams)
  }

  /// The unit tf-idf vector of each family, laid side by side, sorted by slot; slots no
  /// example uses are left out.
  static func vector(_ slots: (words: [Int32], grams: [Int32]), pairs: Matcher.Postings, classCount: Int) -> [(id: Int, value: Double)] {
    var out: [(id: Int, value: Double)] = []
    for family in [slots.words, slots.grams] {
      let start = out.count
      var norm = 0.0
      let sorted = family.sorted()
      var position = 0
      while position < sorted.count {
        let slot = sorted[position]
        var count = 0
        while position < sorted.count, sorted[position] == slot {
          count += 1
          position += 1
        }
        let users = pairs[Int(slot)].count
        guard users > 0 else { continue }
        let value = (1 + log(Double(count))) * log(1 + Double(classCount) / Double(users))
        out.append((Int(slot), value))
        norm += value * value
      }
      guard norm > 0 else { continue }
      let scale = 1 / norm.squareRoot()
      for index in start..<out.count { out[index].value *= scale }
    }
    return out
  }
}
