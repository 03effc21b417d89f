/// The knowledge written for one intent: an answer, and the staged guidance or a protocol.
public struct Guidance: Sendable, Equatable {
  /// One stage of guidance: what to do, why, and a line to say.
  public struct Stage: Sendable, Equatable {
    /// The five stages, in the order they are walked.
    public enum Name: String, Sendable, CaseIterable, Equatable {
      /// Show the client they have been heard.
      case acknowledge
      /// Show the client their view makes sense from where they stand.
      case validate
      /// Find out what lies under the resistance.
      case clarify
      /// Tie the work to what the client wants.
      case buyIn = "buy-in"
      /// Offer your view, with permission.
      case `case`

      /// The heading used in knowledge files and on screen.
      public var title: String {
        switch self {
        case .acknowledge: "Acknowledge"
        case .validate: "Validate"
        case .clarify: "Clarify"
        case .buyIn: "Create buy-in"
        case .case: "Make your case"
        }
      }

      /// Reads a stage from its id or title, in any case ("buy-in", "Create buy-in", "case").
      public init?(loosely text: String) {
        // Every line typed is tried as a stage name, so this is one dictionary lookup.
        guard text.utf8.count <= 40, let found = Self.byKey[text.lowercased().trimmingSpaces()] else { return nil }
        self = found
      }

      /// Each stage by its lower-case id and title, and the loose spellings of buy-in.
      static let byKey: [String: Name] = {
        var keys: [String: Name] = ["buyin": .buyIn, "buy in": .buyIn]
        for name in allCases {
          keys[name.rawValue] = name
          keys[name.title.lowercased()] = name
        }
        return keys
      }()
    }

    /// Which stage this is.
    public var name: Name
    /// What to do.
    public var action: String
    /// Why: the idea it comes from.
    public var why: String
    /// A line to say.
    public var say: String

    /// Creates a stage.
    public init(name: Name, action: String, why: String, say: String) {
      self.name = name
      self.action = action
      self.why = why
      self.say = say
    }
  }

  /// What the knowledge says about this, in a few sentences.
  public var answer: String
  /// The five stages, or none.
  public var stages: [Stage]
  /// The safety protocol's steps, for `safety` intents.
  public var protocolSteps: [String]
  /// What to do with the answer, for concepts and the clinician's own side.
  public var inPractice: String
  /// What changes for any sign when this situation is its backdrop.
  public var alongside: String
  /// For `safety` intents: a protocol for each concern (``SafetyScreen/concerns``), from the
  /// `## Protocol: CONCERN` sections, in the file's order.
  public var concernProtocols: [ConcernProtocol] = []
  /// For `safety` intents: the short screen to run when risk is only possible (`## Screen`).
  public var screenSteps: [String] = []

  /// The steps to follow for one concern.
  public struct ConcernProtocol: Sendable, Equatable {
    /// The concern (`suicide`, `partner-violence`, ...).
    public var concern: String
    /// Its numbered steps.
    public var steps: [String]

    /// A concern's protocol.
    public init(concern: String, steps: [String]) {
      self.concern = concern
      self.steps = steps
    }
  }

  /// The protocol of a concern, if the knowledge has one.
  public func steps(for concern: String) -> [String]? {
    concernProtocols.first { $0.concern == concern }?.steps
  }

  /// Creates guidance.
  public init(
    answer: String, stages: [Stage] = [], protocolSteps: [String] = [], inPractice: String = "",
    alongside: String = ""
  ) {
    self.answer = answer
    self.stages = stages
    self.protocolSteps = protocolSteps
    self.inPractice = inPractice
    self.alongside = alongside
  }
}
