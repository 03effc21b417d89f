/// The knowledge and the matcher together: what a front end needs to answer a line.
public struct Coach: Sendable {
  /// The intents.
  public let table: IntentTable
  /// The matcher built from them.
  public let matcher: Matcher

  /// Builds a coach on a table.
  public init(table: IntentTable, settings: Matcher.Settings = Matcher.Settings(), risk: RiskClassifier? = nil) {
    self.table = table
    self.matcher = Matcher(table: table, settings: settings, risk: risk)
  }

  /// A coach on a table and a matcher already built for it.
  init(table: IntentTable, matcher: Matcher) {
    self.table = table
    self.matcher = matcher
  }

  /// The coach's knowledge and matcher index as snapshot bytes, for a build step to embed.
  public func snapshot() -> [UInt8] { Snapshot.write(self) }

  /// A coach read back from snapshot bytes; nil if they are not a whole snapshot of this
  /// version's layout.
  public init?(snapshot bytes: UnsafeBufferPointer<UInt8>, settings: Matcher.Settings = Matcher.Settings()) {
    guard let coach = Snapshot.read(ByteView(bytes), settings: settings) else { return nil }
    self = coach
  }

  /// The coach on a snapshot made at build time plus any folders given; the snapshot's index
  /// is used as it is unless the settings change what it would be. A snapshot that does not
  /// read back whole (made by another version) is ignored for the files given.
  /// - Throws: ``KnowledgeErrors`` with `path:line: error: ...` messages.
  public static func load(
    snapshot: StaticString, files: () -> [(path: String, text: String)], adding folders: [String] = [],
    settings: Matcher.Settings = Matcher.Settings()
  ) throws(KnowledgeErrors) -> Coach {
    let count = snapshot.hasPointerRepresentation ? snapshot.utf8CodeUnitCount : 0
    // A string literal's bytes live as long as the process: the index is read where it lies.
    guard count > 0, let shipped = Snapshot.read(ByteView(immortal: UnsafeBufferPointer(start: snapshot.utf8Start, count: count)), settings: settings) else {
      return try load(base: IntentTable(files: files()), adding: folders, settings: settings)
    }
    guard !folders.isEmpty else { return shipped }
    return try load(base: shipped.table, adding: folders, settings: settings, risk: shipped.matcher.risk)
  }

  /// The coach on a table plus any folders given, each read and checked.
  /// - Throws: ``KnowledgeErrors`` with `path:line: error: ...` messages.
  public static func load(
    base: IntentTable, adding folders: [String] = [], settings: Matcher.Settings = Matcher.Settings(), risk: RiskClassifier? = nil
  ) throws(KnowledgeErrors) -> Coach {
    var table = base
    // A folder may replace a shipped intent, but two folders giving one id is a mistake: which
    // one should win is not for the coach to guess.
    var givenBy: [String: String] = [:]
    for folder in folders {
      let extra = try IntentTable(files: IntentTable.files(in: folder))
      var problems: [CoachError] = []
      for intent in extra.intents {
        if let first = givenBy[intent.id] {
          let text = FileSystem.text(of: intent.path) ?? ""
          problems.append(.knowledge(path: intent.path, line: IntentTable.idLine(in: text), message: "duplicate id '\(intent.id)' (also in \(first))"))
        }
        givenBy[intent.id] = intent.path
      }
      guard problems.isEmpty else { throw KnowledgeErrors(errors: problems) }
      table = table.adding(extra)
    }
    try table.checkReferences()
    // The shipped risk classifier stays as it was trained: a folder cannot weaken it.
    return Coach(table: table, settings: settings, risk: risk)
  }

  /// Answers one line.
  public func reply(to text: String, context: ClientContext = ClientContext()) -> Reply {
    Reply(input: text, match: matcher.match(text), table: table, context: context.updated(with: text))
  }
}
