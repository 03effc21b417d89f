/// A file of example lines in JSON Lines, one `{"text": ..., "intent": ...}` a line: how the
/// examples written by many independent writers are kept, one file per writer, apart from the
/// guidance each intent's Markdown file holds. Other keys (`concerns`, `lookalike`, `also`) say
/// more about a line and are kept for evaluation scripts; the matcher reads text and intent.
///
/// `"intent": "unknown"` is an example of what the coach does not cover: it goes to the first
/// `noise` intent of the table.
public enum ExampleFile {
  /// One example line.
  public struct Line: Sendable, Equatable {
    /// What a user would type.
    public var text: String
    /// The intent it is an example of, or `unknown`.
    public var intent: String
    /// Where it came from: the line of the file.
    public var line: Int
    /// For a line of risk, the concerns its writer named (``SafetyScreen/concerns``).
    public var concerns: [String] = []
  }

  /// The most characters an example may have: a line longer than this is a pasted document,
  /// not a description someone would type.
  static let longestText = 2_000

  /// Reads a file's lines; every line that is not an example is a `path:line: error:`.
  public static func parse(_ text: String, path: String) throws(KnowledgeErrors) -> [Line] {
    var lines: [Line] = []
    var problems: [CoachError] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = raw.trimmingWhiteSpace()
      if trimmed.isEmpty || trimmed.hasPrefix("//") { continue }
      let object = JSON.parse(trimmed)
      guard case .string(let example)? = object?["text"], case .string(let intent)? = object?["intent"] else {
        problems.append(.knowledge(path: path, line: index + 1, message: "expected {\"text\": \"...\", \"intent\": \"id\"}"))
        continue
      }
      let words = example.trimmingWhiteSpace()
      guard !words.isEmpty, words.count <= longestText else {
        problems.append(.knowledge(path: path, line: index + 1, message: "an example's text must have 1 to \(longestText) characters"))
        continue
      }
      var concerns: [String] = []
      if case .array(let values)? = object?["concerns"] {
        for value in values {
          guard case .string(let concern) = value, SafetyScreen.concerns.contains(concern) else {
            problems.append(.knowledge(path: path, line: index + 1, message: "concerns are among: \(SafetyScreen.concerns.joined(separator: ", "))"))
            continue
          }
          concerns.append(concern)
        }
      }
      lines.append(Line(text: words, intent: intent, line: index + 1, concerns: concerns))
    }
    guard problems.isEmpty else { throw KnowledgeErrors(errors: problems) }
    return lines
  }
}
