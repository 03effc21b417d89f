/// A node of a YAML document with the line it starts on: all the front matter of a knowledge
/// file needs from YAML, so that messages can point at `path:line`.
struct YAMLNode {
  /// What a node holds.
  enum Content {
    /// A text; `plain` is false when it was quoted or a block (`|`, `>`), so `""` differs from
    /// nothing at all.
    case scalar(String, plain: Bool)
    /// A list, `- item` lines or `[a, b]`.
    case sequence([YAMLNode])
    /// `key: value` pairs in the order written.
    case mapping([(key: YAMLNode, value: YAMLNode)])
  }

  /// Why a text is not a YAML document the front matter can use; lines count from 1.
  enum Failure: Error, Equatable {
    /// libyaml (or the composer) rejected the text: its problem and, in brackets, its context.
    case invalid(line: Int, problem: String)
    /// A mapping repeats a key; the line is the repetition's.
    case duplicateKey(String, line: Int)
  }

  /// The node's value.
  var content: Content
  /// The 1-based line where the node starts.
  var line: Int

  /// The text of a scalar.
  var scalar: String? {
    if case .scalar(let text, _) = content { return text }
    return nil
  }

  /// Whether this is a plain scalar with no text: a key written with nothing after the colon.
  var isEmptyPlainScalar: Bool {
    if case .scalar(let text, plain: true) = content { return text.isEmpty }
    return false
  }

  /// The items of a sequence.
  var sequence: [YAMLNode]? {
    if case .sequence(let items) = content { return items }
    return nil
  }

  /// The pairs of a mapping.
  var mapping: [(key: YAMLNode, value: YAMLNode)]? {
    if case .mapping(let pairs) = content { return pairs }
    return nil
  }

  /// Reads a YAML stream of at most one document.
  /// - Returns: the document's root, or nil when the text holds no document (empty or comments).
  /// - Throws: ``Failure`` for text that is not YAML, a repeated key, or a second document.
  static func compose(_ yaml: String) throws(Failure) -> YAMLNode? {
    try YAMLComposer.compose(yaml)
  }
}
