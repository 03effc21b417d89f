import CLibYAML

/// Builds a ``YAMLNode`` tree from libyaml's parser events: libyaml does the YAML (quotes, both
/// list styles, escapes, block scalars), this keeps what the front matter needs and each
/// node's line, refuses repeated keys, and turns libyaml's errors into ``YAMLNode/Failure``.
struct YAMLComposer {
  /// Nesting deeper than this is refused rather than composed: composing recurses, and no front
  /// matter needs more than a list in a mapping.
  static let maxDepth = 64

  /// One parser event, copied out of libyaml's buffers, with its anchor and 1-based line.
  private struct Event {
    enum Kind {
      case streamStart, streamEnd, documentStart, documentEnd
      case alias(String)
      case scalar(String, plain: Bool)
      case sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    var kind: Kind
    var anchor: String? = nil
    var line: Int

    /// Whether it closes a sequence or a mapping.
    var isEnd: Bool {
      switch kind {
      case .sequenceEnd, .mappingEnd: true
      default: false
      }
    }
  }

  private let parser: UnsafeMutablePointer<yaml_parser_t>
  /// The text being parsed, to find the line of a reader error (libyaml gives only its offset).
  private let input: UnsafeBufferPointer<UInt8>
  /// Anchored nodes so far (`&name`), for the aliases (`*name`) that repeat them.
  private var anchors: [String: YAMLNode] = [:]

  /// Reads a YAML stream of at most one document; see ``YAMLNode/compose(_:)``.
  static func compose(_ yaml: String) throws(YAMLNode.Failure) -> YAMLNode? {
    let count = yaml.utf8.count
    // One byte more than the text, so the buffer is never empty: libyaml wants a non-null pointer.
    let input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count + 1)
    defer { input.deallocate() }
    _ = input.initialize(fromContentsOf: yaml.utf8)
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else { throw .invalid(line: 1, problem: "out of memory") }
    defer { yaml_parser_delete(parser) }
    yaml_parser_set_input_string(parser, input.baseAddress, count)
    var composer = YAMLComposer(parser: parser, input: UnsafeBufferPointer(rebasing: input[..<count]))
    return try composer.document()
  }

  private init(parser: UnsafeMutablePointer<yaml_parser_t>, input: UnsafeBufferPointer<UInt8>) {
    self.parser = parser
    self.input = input
  }

  /// The stream's only document, or nil when there is none.
  private mutating func document() throws(YAMLNode.Failure) -> YAMLNode? {
    _ = try next()  // the stream's start
    let start = try next()
    if case .streamEnd = start.kind { return nil }
    let root = try node(try next(), depth: 0)
    _ = try next()  // the document's end
    let after = try next()
    guard case .streamEnd = after.kind else {
      // Yams' words for the same case, which libyaml's own loader does not check.
      throw .invalid(line: after.line, problem: "but found another document (expected a single document in the stream)")
    }
    return root
  }

  /// The node that `first` starts, reading events up to its end.
  private mutating func node(_ first: Event, depth: Int) throws(YAMLNode.Failure) -> YAMLNode {
    guard depth < Self.maxDepth else {
      throw .invalid(line: first.line, problem: "nested more than \(Self.maxDepth) levels deep")
    }
    let content: YAMLNode.Content
    switch first.kind {
    case .alias(let name):
      guard let target = anchors[name] else { throw .invalid(line: first.line, problem: "found undefined alias '\(name)'") }
      return YAMLNode(content: target.content, line: first.line)
    case .scalar(let text, let plain):
      content = .scalar(text, plain: plain)
    case .sequenceStart:
      var items: [YAMLNode] = []
      while case let event = try next(), !event.isEnd {
        items.append(try node(event, depth: depth + 1))
      }
      content = .sequence(items)
    case .mappingStart:
      var pairs: [(key: YAMLNode, value: YAMLNode)] = []
      var keys: Set<String> = []
      while case let event = try next(), !event.isEnd {
        let key = try node(event, depth: depth + 1)
        if let name = key.scalar, !keys.insert(name).inserted { throw .duplicateKey(name, line: key.line) }
        pairs.append((key, try node(try next(), depth: depth + 1)))
      }
      content = .mapping(pairs)
    case .streamStart, .streamEnd, .documentStart, .documentEnd, .sequenceEnd, .mappingEnd:
      // libyaml checks the grammar, so only a node can stand here.
      throw .invalid(line: first.line, problem: "expected a node")
    }
    let node = YAMLNode(content: content, line: first.line)
    if let anchor = first.anchor { anchors[anchor] = node }
    return node
  }

  /// The next event.
  private func next() throws(YAMLNode.Failure) -> Event {
    var event = yaml_event_t()
    guard yaml_parser_parse(parser, &event) == 1 else { throw failure() }
    defer { yaml_event_delete(&event) }
    let line = Int(event.start_mark.line) + 1
    switch event.type {
    case YAML_STREAM_START_EVENT: return Event(kind: .streamStart, line: line)
    case YAML_DOCUMENT_START_EVENT: return Event(kind: .documentStart, line: line)
    case YAML_DOCUMENT_END_EVENT: return Event(kind: .documentEnd, line: line)
    case YAML_ALIAS_EVENT: return Event(kind: .alias(Self.text(event.data.alias.anchor)), line: line)
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
      let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
      return Event(kind: .scalar(text, plain: plain), anchor: scalar.anchor.map(Self.text), line: line)
    case YAML_SEQUENCE_START_EVENT:
      return Event(kind: .sequenceStart, anchor: event.data.sequence_start.anchor.map(Self.text), line: line)
    case YAML_SEQUENCE_END_EVENT: return Event(kind: .sequenceEnd, line: line)
    case YAML_MAPPING_START_EVENT:
      return Event(kind: .mappingStart, anchor: event.data.mapping_start.anchor.map(Self.text), line: line)
    case YAML_MAPPING_END_EVENT: return Event(kind: .mappingEnd, line: line)
    default: return Event(kind: .streamEnd, line: line)
    }
  }

  /// libyaml's error in the words Yams gave it: the problem, then the context in brackets.
  private func failure() -> YAMLNode.Failure {
    let state = parser.pointee
    var problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
    switch state.error {
    case YAML_MEMORY_ERROR:
      return .invalid(line: 1, problem: "out of memory")
    case YAML_READER_ERROR:
      // A reader error (a control character, bad UTF-8) has an offset but no line mark.
      let offset = min(state.problem_offset, input.count)
      let line = 1 + input[..<offset].lazy.filter { $0 == UInt8(ascii: "\n") }.count
      if state.problem_value >= 0 {
        let hex = String(state.problem_value, radix: 16, uppercase: true)
        problem += " (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))"
      }
      return .invalid(line: line, problem: problem)
    default:
      if let context = state.context { problem += " (\(String(cString: context)))" }
      return .invalid(line: Int(state.problem_mark.line) + 1, problem: problem)
    }
  }

  private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> String {
    String(cString: pointer)
  }
}
