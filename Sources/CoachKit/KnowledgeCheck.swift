/// What `coach check` finds: the table is valid (it loaded), which intents cover each section
/// of the source document, and which examples do not classify to their own intent when held out.
public struct KnowledgeCheck: Sendable {
  /// An example that went elsewhere when the matcher was built without it.
  public struct Stray: Sendable {
    public var intent: String
    public var example: String
    public var answered: String
  }

  /// Each source section with the intents that cover it.
  public var coverage: [(section: String, intents: [String])]
  /// Examples that classify elsewhere when held out.
  public var strays: [Stray]
  /// Examples checked.
  public var examplesChecked: Int
  /// Held-out examples whose best intent, before the `unknown` threshold, is their own.
  public var rankedFirst: Int
  /// The 5th percentile of the held-out in-scope examples' top scores: the `unknown` threshold
  /// that keeps 95% of them (the rule the baselines in shared/baselines use).
  public var suggestedThreshold: Double
  /// Intents with fewer than the recommended 12 examples.
  public var thin: [(intent: String, count: Int)]

  /// Whether every source section is covered.
  public var isComplete: Bool { coverage.allSatisfy { !$0.intents.isEmpty } }

  /// Checks a table; `folds` held-out rounds (each example is held out in exactly one).
  public init(table: IntentTable, folds: Int = 10, settings: Matcher.Settings = Matcher.Settings(), quick: Bool = false) {
    coverage = table.coverage()
    thin = table.intents.filter { $0.examples.count < 12 }.map { ($0.id, $0.examples.count) }
    var strays: [Stray] = []
    var checked = 0
    var ranked = 0
    var topScores: [Double] = []
    // The risk classifier is trained once, on every example: held out fold by fold it would be
    // trained ten times for a check that is about the matcher's intents.
    let risk = Matcher.trainRisk(table)
    // Held out without the gram model when `quick` (a debug build, where training it ten times
    // takes minutes); a release `coach check` trains it in every fold.
    var settings = settings
    if quick { settings.gramWeight = 0 }
    for fold in 0..<folds {
      var held: [(intent: String, example: String)] = []
      let trimmed = table.intents.map { intent -> Intent in
        var copy = intent
        copy.examples = []
        for (index, example) in intent.examples.enumerated() {
          if index % folds == fold { held.append((intent.id, example)) } else { copy.examples.append(example) }
        }
        return copy
      }
      var heldOut = IntentTable(intents: trimmed)
      heldOut.lexicon = table.lexicon
      let matcher = Matcher(table: heldOut, settings: settings, risk: risk)
      for (intent, example) in held {
        checked += 1
        let match = matcher.match(example)
        if table.kind(of: intent) != .noise, table.kind(of: intent) != .safety, let top = match.evidence.scores.first {
          topScores.append(top.confidence)
        }
        let answered = match.intent
        let top = match.isUnknown ? match.alternatives.first?.intent : answered
        if top == intent || (answered == Match.unknown && table.kind(of: intent) == .noise) { ranked += 1 }
        if answered != intent { strays.append(Stray(intent: intent, example: example, answered: answered)) }
      }
    }
    self.strays = strays
    examplesChecked = checked
    rankedFirst = ranked
    topScores.sort()
    suggestedThreshold = topScores.isEmpty ? 0 : topScores[topScores.count * 5 / 100]
  }
}
