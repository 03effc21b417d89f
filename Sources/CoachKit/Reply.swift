/// The coach's answer to one input: the match and the guidance for it, slots filled.
public struct Reply: Sendable {
  /// The situation applied as a backdrop to any sign once the user has said the client is mandated.
  public static let mandatedBackdrop = "mandated-client"

  /// What the user typed.
  public var input: String
  /// What the matcher made of it.
  public var match: Match
  /// The matched intent, or nil for `unknown`.
  public var intent: Intent?
  /// The situation that frames the sign, when there is one, with its `## Alongside` filled.
  public var backdrop: Intent?
  /// The stages, with the client's pronoun and topic filled in.
  public var stages: [Guidance.Stage]
  /// The intents of the alternatives, nearest first (looked up when asked for: a script's
  /// JSON never needs them).
  public var nearest: [Intent] { match.alternatives.compactMap { table[$0.intent] } }
  /// The table the intents come from.
  let table: IntentTable

  /// Whether this reply is the safety protocol.
  public var isSafety: Bool { intent?.kind == .safety }

  /// Builds the reply for a match. A sign gets the mandated-client backdrop when the context
  /// says the client is mandated and the match found no other situation.
  public init(input: String, match: Match, table: IntentTable, context: ClientContext) {
    self.input = input
    self.match = match
    let intent = table[match.intent]
    self.intent = intent
    if intent?.kind == .sign, self.match.backdrop == nil, context.mandated, table[Self.mandatedBackdrop] != nil {
      self.match.backdrop = Self.mandatedBackdrop
    }
    backdrop = self.match.backdrop.flatMap { table[$0] }.map { situation in
      var filled = situation
      filled.guidance.alongside = context.fill(situation.guidance.alongside)
      return filled
    }
    stages = (intent?.guidance.stages ?? []).map { context.fill($0, of: intent?.kind ?? .sign) }
    self.table = table
  }
}
