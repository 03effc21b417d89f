import CoachKit

extension IntentTable {
  /// The table of the files embedded from `Knowledge/`, parsed now.
  /// - Throws: ``KnowledgeErrors`` if an embedded file is malformed (a build that ships one
  ///   fails its tests).
  public static func embedded() throws(KnowledgeErrors) -> IntentTable {
    try IntentTable(files: embeddedPaths)
  }

  /// The names and texts of the files embedded from `Knowledge/`.
  public static var embeddedFiles: [(name: String, text: String)] { EmbeddedKnowledge.files }

  /// The embedded files with their paths as messages give them (`Knowledge/denial.md`).
  static var embeddedPaths: [(path: String, text: String)] { embeddedFiles.map { ("Knowledge/\($0.name)", $0.text) } }
}

extension Coach {
  /// The coach on the shipped knowledge, plus any folders given: read back from the snapshot
  /// made when the binary was built, or built from the embedded files if that cannot be used.
  /// - Throws: ``KnowledgeErrors`` with `path:line: error: ...` messages.
  public static func load(adding folders: [String] = [], settings: Matcher.Settings = Matcher.Settings()) throws(KnowledgeErrors) -> Coach {
    try load(snapshot: EmbeddedSnapshot.bytes, files: { IntentTable.embeddedPaths }, adding: folders, settings: settings)
  }

  /// The snapshot made when the binary was built.
  public static var shippedSnapshot: StaticString { EmbeddedSnapshot.bytes }
}
