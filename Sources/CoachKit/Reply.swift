/// The coach's answer to one input: the match and the guidance for it, slots filled.
public struct Reply: Sendable {
  /// What the user typed.
  public var input: String
  /// What the matcher made of it.
  public var match: Match
  /// The matched intent, or nil for `unknown`.
  public var intent: Intent?
  /// The situation that frames the sign, when there is one.
  public var backdrop: Intent?
  /// The stages, with the client's pronoun and topic filled in.
  public var stages: [Guidance.Stage]
  /// Titles of the intents offered instead, for `unknown` and ambiguous answers.
  public var nearest: [Intent]

  /// Whether this reply is the safety protocol.
  public var isSafety: Bool { intent?.kind == .safety }

  /// Builds the reply for a match.
  public init(input: String, match: Match, table: IntentTable, context: ClientContext) {
    self.input = input
    self.match = match
    intent = table[match.intent]
    backdrop = match.backdrop.flatMap { table[$0] }
    stages = (intent?.guidance.stages ?? []).map {
      Guidance.Stage(name: $0.name, action: context.fill($0.action), why: $0.why, say: context.fill($0.say))
    }
    nearest = match.alternatives.compactMap { table[$0.intent] }
  }
}
