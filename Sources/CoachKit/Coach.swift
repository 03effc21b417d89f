#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The knowledge and the matcher together: what a front end needs to answer a line.
public struct Coach: Sendable {
  /// The intents.
  public let table: IntentTable
  /// The matcher built from them.
  public let matcher: Matcher

  /// Builds a coach on a table.
  public init(table: IntentTable, settings: Matcher.Settings = Matcher.Settings()) {
    self.table = table
    self.matcher = Matcher(table: table, settings: settings)
  }

  /// The coach on the embedded knowledge plus any folders given.
  /// - Throws: ``KnowledgeErrors`` with `path:line: error: ...` messages.
  public static func load(adding folders: [String] = [], settings: Matcher.Settings = Matcher.Settings()) throws(KnowledgeErrors) -> Coach {
    var table = try IntentTable.embedded()
    // A folder may replace a shipped intent, but two folders giving one id is a mistake: which
    // one should win is not for the coach to guess.
    var givenBy: [String: String] = [:]
    for folder in folders {
      let extra = try IntentTable(files: IntentTable.files(in: folder))
      var problems: [CoachError] = []
      for intent in extra.intents {
        if let first = givenBy[intent.id] {
          let text = (try? String(contentsOfFile: intent.path, encoding: .utf8)) ?? ""
          problems.append(.knowledge(path: intent.path, line: IntentTable.idLine(in: text), message: "duplicate id '\(intent.id)' (also in \(first))"))
        }
        givenBy[intent.id] = intent.path
      }
      guard problems.isEmpty else { throw KnowledgeErrors(errors: problems) }
      table = table.adding(extra)
    }
    try table.checkReferences()
    return Coach(table: table, settings: settings)
  }

  /// Answers one line.
  public func reply(to text: String, context: ClientContext = ClientContext()) -> Reply {
    Reply(input: text, match: matcher.match(text), table: table, context: context.updated(with: text))
  }
}
