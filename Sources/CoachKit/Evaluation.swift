/// Measures the matcher on a labelled set: `{"text": ..., "accept": [ids]}` per line, where
/// `"unknown"` in accept means the line should be turned away.
public struct Evaluation: Sendable {
  /// One labelled line.
  public struct Sample: Sendable {
    /// What the user typed.
    public var text: String
    /// The intents a careful clinician would accept, or `["unknown"]`.
    public var accept: [String]
    /// The line of the file it came from.
    public var line: Int

    /// Whether the line is in scope (it has an intent besides `unknown`).
    public var inScope: Bool { accept.contains { $0 != Match.unknown } }
    /// Whether the line carries risk.
    public var isRisk: Bool { accept.contains("safety-risk") }
  }

  /// One line and what the matcher answered.
  public struct Outcome: Sendable {
    public var sample: Sample
    public var predicted: String
    public var confidence: Double
    public var correct: Bool
    /// The best intent before the `unknown` threshold: the answer, or the nearest topic.
    public var rawTop: String
  }

  /// Precision, recall and F1 of one intent.
  public struct IntentScore: Sendable {
    public var intent: String
    public var support: Int
    public var precision: Double
    public var recall: Double
    public var f1: Double
  }

  /// Every outcome, in file order.
  public var outcomes: [Outcome]

  /// Reads a JSONL set.
  /// - Throws: ``CoachError`` naming the line that is not a labelled sample.
  public static func samples(from text: String, path: String) throws(CoachError) -> [Sample] {
    var samples: [Sample] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingWhiteSpace()
      if trimmed.isEmpty { continue }
      // {"text": "...", "accept": ["id", ...]}; other keys are ignored.
      let object = JSON.parse(trimmed)
      guard case .string(let text)? = object?["text"], case .array(let values)? = object?["accept"], !values.isEmpty,
        case let accept = values.compactMap({ value -> String? in if case .string(let id) = value { id } else { nil } }),
        accept.count == values.count
      else {
        throw .knowledge(path: path, line: index + 1, message: "expected {\"text\": \"...\", \"accept\": [\"id\", ...]}")
      }
      samples.append(Sample(text: text, accept: accept, line: index + 1))
    }
    return samples
  }

  /// Runs the matcher on every sample.
  public init(samples: [Sample], matcher: Matcher) {
    outcomes = samples.map { sample in
      let match = matcher.match(sample.text)
      let rawTop = match.isUnknown ? (match.alternatives.first?.intent ?? Match.unknown) : match.intent
      return Outcome(
        sample: sample, predicted: match.intent, confidence: match.confidence, correct: sample.accept.contains(match.intent),
        rawTop: rawTop)
    }
  }

  private func share(_ part: Int, of whole: Int) -> Double { whole == 0 ? 1 : Double(part) / Double(whole) }

  /// In-scope lines whose top intent is one of those accepted.
  public var accuracy: Double {
    let inScope = outcomes.filter { $0.sample.inScope }
    return share(inScope.filter(\.correct).count, of: inScope.count)
  }
  /// In-scope lines whose best intent before the threshold is accepted: how well the matcher
  /// ranks, apart from when it turns a line away.
  public var rawAccuracy: Double {
    let inScope = outcomes.filter { $0.sample.inScope }
    return share(inScope.filter { $0.sample.accept.contains($0.rawTop) }.count, of: inScope.count)
  }

  /// The chance that an out-of-scope line has a lower confidence than an in-scope one: how well
  /// confidence separates the two, whatever the threshold.
  public var unknownAUROC: Double {
    let inScope = outcomes.filter { $0.sample.inScope && !$0.sample.isRisk }.map(\.confidence)
    let out = outcomes.filter { !$0.sample.inScope }.map(\.confidence)
    guard !inScope.isEmpty, !out.isEmpty else { return 1 }
    var wins = 0.0
    for o in out { for i in inScope { wins += o < i ? 1 : (o == i ? 0.5 : 0) } }
    return wins / Double(inScope.count * out.count)
  }

  /// Out-of-scope lines answered `unknown`.
  public var rejection: Double {
    let out = outcomes.filter { !$0.sample.inScope }
    return share(out.filter { $0.predicted == Match.unknown }.count, of: out.count)
  }
  /// In-scope lines not answered `unknown`.
  public var acceptance: Double {
    let inScope = outcomes.filter { $0.sample.inScope }
    return share(inScope.filter { $0.predicted != Match.unknown }.count, of: inScope.count)
  }
  /// Risk lines answered `safety-risk`.
  public var riskRecall: Double {
    let risk = outcomes.filter { $0.sample.isRisk }
    return share(risk.filter { $0.predicted == "safety-risk" }.count, of: risk.count)
  }
  /// Lines answered `safety-risk` that carry no risk.
  public var falseAlarms: [Outcome] {
    outcomes.filter { $0.predicted == "safety-risk" && !$0.sample.isRisk }
  }
  /// Lines answered wrongly.
  public var errors: [Outcome] { outcomes.filter { !$0.correct } }

  /// The label an outcome is scored against: the prediction when it is accepted, else the
  /// first accepted id.
  private func gold(_ outcome: Outcome) -> String { outcome.correct ? outcome.predicted : outcome.sample.accept[0] }

  /// Per-intent precision, recall and F1, in id order.
  public var perIntent: [IntentScore] {
    let labels = Set(outcomes.map(gold)).union(outcomes.map(\.predicted)).sorted()
    return labels.map { label in
      let truePositive = outcomes.filter { $0.predicted == label && gold($0) == label }.count
      let predicted = outcomes.filter { $0.predicted == label }.count
      let support = outcomes.filter { gold($0) == label }.count
      let precision = share(truePositive, of: predicted)
      let recall = share(truePositive, of: support)
      let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
      return IntentScore(intent: label, support: support, precision: precision, recall: recall, f1: f1)
    }
  }

  /// The most frequent (expected, answered) pairs among errors.
  public func confusions(limit: Int = 10) -> [(expected: String, answered: String, count: Int)] {
    var counts: [String: Int] = [:]
    for outcome in errors { counts[outcome.sample.accept[0] + "\u{0}" + outcome.predicted, default: 0] += 1 }
    return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map {
      let parts = $0.key.split(separator: "\u{0}").map(String.init)
      return (parts[0], parts[1], $0.value)
    }
  }

  /// The figures as one JSON object.
  public func json() -> JSON {
    func number(_ value: Double) -> JSON { .number((value * 10000).rounded() / 10000) }
    return .object([
      ("lines", .number(Double(outcomes.count))),
      ("in_scope", .number(Double(outcomes.filter { $0.sample.inScope }.count))),
      ("accuracy", number(accuracy)),
      ("raw_accuracy", number(rawAccuracy)),
      ("unknown_auroc", number(unknownAUROC)),
      ("out_of_scope_rejection", number(rejection)),
      ("in_scope_acceptance", number(acceptance)),
      ("risk_recall", number(riskRecall)),
      ("false_alarms", .number(Double(falseAlarms.count))),
      ("per_intent", .array(perIntent.map {
        .object([("intent", .string($0.intent)), ("support", .number(Double($0.support))), ("precision", number($0.precision)), ("recall", number($0.recall)), ("f1", number($0.f1))])
      })),
      ("confusions", .array(confusions().map { .object([("expected", .string($0.expected)), ("answered", .string($0.answered)), ("count", .number(Double($0.count)))]) })),
      ("errors", .array(errors.map {
        .object([("line", .number(Double($0.sample.line))), ("text", .string($0.sample.text)), ("accept", .array($0.sample.accept.map { .string($0) })), ("answered", .string($0.predicted)), ("confidence", .number($0.confidence))])
      })),
    ])
  }

  /// The figures as a text report, the way `rasa test nlu` prints them.
  public func report() -> String {
    func percent(_ value: Double) -> String { String(printf: "%5.1f%%", value * 100) }
    var out = "lines \(outcomes.count), in scope \(outcomes.filter { $0.sample.inScope }.count), out of scope \(outcomes.filter { !$0.sample.inScope }.count), risk \(outcomes.filter { $0.sample.isRisk }.count)\n"
    out += "top-1 accuracy (in scope)   \(percent(accuracy))   before the threshold \(percent(rawAccuracy))\n"
    out += "out-of-scope rejected       \(percent(rejection))\n"
    out += "in-scope accepted           \(percent(acceptance))   AUROC in vs out \(String(printf: "%.3f", unknownAUROC))\n"
    out += "risk recall                 \(percent(riskRecall))   false alarms \(falseAlarms.count)\n\n"
    out += "intent                     support  precision  recall     f1\n"
    for score in perIntent {
      // The id cut or filled to 26 columns, as `padding(toLength:withPad:startingAt:)` gave it.
      let id = score.intent.prefix(26)
      out += id + String(repeating: " ", count: 26 - id.count)
        + String(printf: " %7d  %9.2f  %6.2f  %5.2f\n", score.support, score.precision, score.recall, score.f1)
    }
    let confusions = confusions()
    if !confusions.isEmpty {
      out += "\nmost frequent confusions (expected → answered)\n"
      for (expected, answered, count) in confusions { out += "  \(count)× \(expected) → \(answered)\n" }
    }
    if !errors.isEmpty {
      out += "\nlines answered wrongly\n"
      for outcome in errors {
        out += "  \(outcome.sample.line): \(outcome.sample.text.prefix(100)) · expected \(outcome.sample.accept.joined(separator: "|")) · answered \(outcome.predicted) \(String(printf: "%.2f", outcome.confidence))\n"
      }
    }
    return out
  }
}
