/// What the matcher made of one input: the intent, how sure it is, what else it might be, and why.
public struct Match: Sendable, Equatable {
  /// An intent with a confidence in 0...1.
  public struct Candidate: Sendable, Equatable {
    /// The intent id.
    public var intent: String
    /// How sure the matcher is, in 0...1.
    public var confidence: Double
  }

  /// Why the matcher chose what it chose, for `/why`.
  public struct Evidence: Sendable, Equatable {
    /// The words of the input that pointed to the intent, strongest first.
    public var words: [String] = []
    /// The example phrase of the intent nearest to the input.
    public var nearestExample: String?
    /// Risk cues found by the safety screen.
    public var safetyCues: [SafetyScreen.Cue] = []
    /// Words that were read as misspellings of known words ("shruged" → "shrugged").
    public var corrections: [String] = []
    /// Words in the scope of a negation, which do not count for what they deny.
    public var negated: [String] = []
    /// The raw scores of the top candidates.
    public var scores: [Candidate] = []
    /// The risk classifier's probability that the line describes risk.
    public var riskProbability: Double = 0
    /// Whether the line is in a language other than English, which the coach cannot read.
    public var notEnglish = false
  }

  /// How sure the coach is that a line holds risk.
  public enum Tier: String, Sendable, Equatable {
    /// A cue of risk, or a classifier that is sure: the protocol for each concern.
    case risk
    /// Weak signals: a short screen first, then the coaching.
    case possible
  }

  /// The id used when nothing matched well enough.
  public static let unknown = "unknown"

  /// The intent id, or ``unknown``.
  public var intent: String
  /// How sure the matcher is, in 0...1.
  public var confidence: Double
  /// Up to three other intents it might be.
  public var alternatives: [Candidate]
  /// A situation that frames the sign, when the input describes both ("court-ordered, silent").
  public var backdrop: String?
  /// Whether the top two are too close to choose between.
  public var ambiguous: Bool
  /// Why.
  public var evidence: Evidence
  /// For `safety-risk`: how sure, and what the risk is about (``SafetyScreen/concerns``).
  public var tier: Tier?
  public var concerns: [String] = []
  /// For possible risk: the intent whose coaching follows the screen, if the line has one.
  public var coaching: String?

  /// A match.
  public init(
    intent: String, confidence: Double, alternatives: [Candidate], backdrop: String?, ambiguous: Bool, evidence: Evidence,
    tier: Tier? = nil, concerns: [String] = [], coaching: String? = nil
  ) {
    self.intent = intent
    self.confidence = confidence
    self.alternatives = alternatives
    self.backdrop = backdrop
    self.ambiguous = ambiguous
    self.evidence = evidence
    self.tier = tier
    self.concerns = concerns
    self.coaching = coaching
  }

  /// Whether nothing matched well enough.
  public var isUnknown: Bool { intent == Self.unknown }
}
