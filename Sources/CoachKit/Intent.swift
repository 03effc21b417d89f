/// One thing the coach recognises: a sign of resistance, a situation, the clinician's own side,
/// a question about the ideas, or a safety risk; with the guidance written for it.
public struct Intent: Sendable, Equatable {
  /// What sort of intent this is; it decides which sections its knowledge file must have.
  public enum Kind: String, Sendable, CaseIterable, Equatable {
    /// Something the client does in the session.
    case sign
    /// Who the client is and where the work stands.
    case situation
    /// The clinician's own side.
    case `self`
    /// A question about the ideas.
    case concept
    /// Risk to someone's life or safety.
    case safety
    /// What the coach does not cover (billing, small talk): examples that teach the matcher
    /// to answer `unknown`, the way Snips trains its None intent. Never an answer itself.
    case noise
  }

  /// The public id, as in the intent catalog (`no-response`).
  public var id: String
  /// A short human title (`No response`).
  public var title: String
  /// What sort of intent this is.
  public var kind: Kind
  /// Where the knowledge comes from, first the source document's section.
  public var sources: [String]
  /// The source document's questions that this intent answers.
  public var covers: [String]
  /// Phrases as users type them; the matcher learns from these.
  public var examples: [String]
  /// Words and short phrases that strongly signal this intent.
  public var keywords: [String]
  /// Ids of related intents.
  public var related: [String]
  /// What to say and do.
  public var guidance: Guidance
  /// The file it was read from, for messages.
  public var path: String

  /// Creates an intent from its parts.
  public init(
    id: String, title: String, kind: Kind, sources: [String] = [], covers: [String] = [],
    examples: [String], keywords: [String] = [], related: [String] = [], guidance: Guidance,
    path: String = ""
  ) {
    self.id = id
    self.title = title
    self.kind = kind
    self.sources = sources
    self.covers = covers
    self.examples = examples
    self.keywords = keywords
    self.related = related
    self.guidance = guidance
    self.path = path
  }
}
