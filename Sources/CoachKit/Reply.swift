/// The coach's answer to one input: the match and the guidance for it, slots filled.
///
/// A reply is passed around a consultation several times a line (the last reply, the current
/// one, the turn), so its parts live in one shared box, copied only when a copy is changed.
public struct Reply: Sendable {
  /// The situation applied as a backdrop to any sign once the user has said the client is mandated.
  public static let mandatedBackdrop = "mandated-client"

  private final class Parts: @unchecked Sendable {
    var input: String
    var match: Match
    var intent: Intent?
    var backdrop: Intent?
    var stages: [Guidance.Stage]
    var coaching: Intent?
    let table: IntentTable

    init(input: String, match: Match, intent: Intent?, backdrop: Intent?, stages: [Guidance.Stage], coaching: Intent?, table: IntentTable) {
      self.input = input
      self.match = match
      self.intent = intent
      self.backdrop = backdrop
      self.stages = stages
      self.coaching = coaching
      self.table = table
    }

    func copy() -> Parts {
      Parts(input: input, match: match, intent: intent, backdrop: backdrop, stages: stages, coaching: coaching, table: table)
    }
  }

  private var parts: Parts

  /// The parts, unshared first, for a change.
  private var unique: Parts {
    mutating get {
      if !isKnownUniquelyReferenced(&parts) { parts = parts.copy() }
      return parts
    }
  }

  /// What the user typed.
  public var input: String {
    get { parts.input }
    set { unique.input = newValue }
  }
  /// What the matcher made of it.
  public var match: Match {
    get { parts.match }
    set { unique.match = newValue }
  }
  /// The matched intent, or nil for `unknown`.
  public var intent: Intent? {
    get { parts.intent }
    set { unique.intent = newValue }
  }
  /// The situation that frames the sign, when there is one, with its `## Alongside` filled.
  public var backdrop: Intent? {
    get { parts.backdrop }
    set { unique.backdrop = newValue }
  }
  /// The stages, with the client's pronoun and topic filled in.
  public var stages: [Guidance.Stage] {
    get { parts.stages }
    set { unique.stages = newValue }
  }
  /// The intents of the alternatives, nearest first (looked up when asked for: a script's
  /// JSON never needs them).
  public var nearest: [Intent] { match.alternatives.compactMap { parts.table[$0.intent] } }

  /// Whether this reply is the safety protocol.
  public var isSafety: Bool { parts.intent?.kind == .safety }

  /// For possible risk: the intent the line is about besides the risk. Its stages that follow
  /// the screen are those that listen (acknowledge, validate, clarify): no buy-in or case
  /// while the screen is open.
  public var coaching: Intent? { parts.coaching }

  /// The stages that listen, which a possible-risk answer keeps after its screen.
  static let listeningStages: [Guidance.Stage.Name] = [.acknowledge, .validate, .clarify]

  /// Builds the reply for a match. A sign gets the mandated-client backdrop when the context
  /// says the client is mandated and the match found no other situation.
  public init(input: String, match: Match, table: IntentTable, context: ClientContext) {
    var match = match
    let intent = table[match.intent]
    if intent?.kind == .sign, match.backdrop == nil, context.mandated, table.kind(of: Self.mandatedBackdrop) != nil {
      match.backdrop = Self.mandatedBackdrop
    }
    let backdrop = match.backdrop.flatMap { table[$0] }.map { situation in
      var filled = situation
      filled.guidance.alongside = context.fill(situation.guidance.alongside)
      return filled
    }
    var stages = (intent?.guidance.stages ?? []).map { context.fill($0, of: intent?.kind ?? .sign) }
    let coaching = match.tier == .possible ? match.coaching.flatMap { table[$0] } : nil
    if let coaching {
      stages = coaching.guidance.stages.filter { Self.listeningStages.contains($0.name) }.map { context.fill($0, of: coaching.kind) }
    }
    parts = Parts(input: input, match: match, intent: intent, backdrop: backdrop, stages: stages, coaching: coaching, table: table)
  }
}
