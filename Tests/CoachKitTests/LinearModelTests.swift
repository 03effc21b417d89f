import Testing

@testable import CoachKit

@Suite struct LinearModelTests {
  /// Two intents told apart by one feature each, with a third feature they share.
  static let rows = [
    LinearModel.Row(features: [(0, 0.8), (2, 0.6)], label: 0),
    LinearModel.Row(features: [(0, 1)], label: 0),
    LinearModel.Row(features: [(1, 0.8), (2, 0.6)], label: 1),
    LinearModel.Row(features: [(1, 1)], label: 1),
  ]

  /// Each feature's weights: one for each intent whose rows use it.
  static let pairs = Matcher.Postings([[(0, 1)], [(1, 1)], [(0, 1), (1, 1)]])

  static func train() -> LinearModel {
    LinearModel(rows: rows, pairs: pairs, classCount: 2, epochs: 20, l2: 0.00001, learningRate: 3)
  }

  @Test func learnsTheFeatureThatTellsIntentsApart() {
    let model = Self.train()
    #expect(model.probabilities([(0, 1)])[0] > 0.9)
    #expect(model.probabilities([(1, 1)])[1] > 0.9)
    // The shared feature says less than either feature of its own.
    let shared = model.probabilities([(2, 1)]).max()!
    #expect(shared < model.probabilities([(0, 1)])[0])
    #expect(shared < model.probabilities([(1, 1)])[1])
  }

  @Test func probabilitiesSumToOne() {
    let sum = Self.train().probabilities([(0, 0.5), (1, 0.5)]).reduce(0, +)
    #expect(abs(sum - 1) < 1e-6)
  }

  @Test func trainingIsTheSameOnEveryRun() {
    #expect(Self.train().weights == Self.train().weights)
  }

  @Test func aFeatureHasWeightsOnlyForTheIntentsThatUseIt() {
    let model = Self.train()
    #expect(model.weights.count == 4)
    // Feature 0 raises intent 0 and has no say on intent 1.
    #expect(model.weights[Self.pairs[0].first!] > 0)
  }

  @Test func anUnknownFeatureIsPassedOver() {
    #expect(Self.train().probabilities([(7, 1)]).count == 2)
  }
}
