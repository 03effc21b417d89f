/// Everything that can go wrong in CoachKit, each with a message a person can act on.
public enum CoachError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A knowledge file is malformed: where, and what is wrong.
  case knowledge(path: String, line: Int, message: String)
  /// A knowledge folder or file named by the user does not exist.
  case missingInput(path: String)
  /// A file the coach was asked to read could not be read.
  case unreadable(path: String, reason: String)
  /// A file the coach was asked to write could not be written.
  case unwritable(path: String, reason: String)

  /// The message in the compiler's form: `path:line: error: what is wrong`.
  public var description: String {
    switch self {
    case .knowledge(let path, let line, let message): "\(path):\(line): error: \(message)"
    case .missingInput(let path): "\(path): error: no such file or folder"
    case .unreadable(let path, let reason): "\(path): error: cannot read: \(reason)"
    case .unwritable(let path, let reason): "\(path): error: cannot write: \(reason)"
    }
  }
}

/// Several knowledge errors at once, so `coach check` can list every problem.
public struct KnowledgeErrors: Error, Sendable, CustomStringConvertible {
  /// The problems, in file and line order.
  public var errors: [CoachError]
  /// One message per line.
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}
