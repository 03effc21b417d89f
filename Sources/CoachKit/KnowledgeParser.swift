
/// Reads one knowledge file (YAML front matter, then `## ` sections) into an ``Intent``.
///
/// Every problem is reported as `path:line: error: ...`; parsing never traps on bad input.
public enum KnowledgeParser {
  /// The front matter keys a knowledge file may use.
  static let knownKeys: Set<String> = [
    "id", "title", "kind", "sources", "covers", "examples", "keywords", "related",
  ]
  /// The sections a knowledge file may have, besides the five stages.
  static let otherSections = Set(["answer", "protocol", "in practice", "alongside", "screen"] + SafetyScreen.concerns.map { "protocol: " + $0 })

  /// Parses the text of a knowledge file.
  /// - Parameters:
  ///   - text: the whole file.
  ///   - path: where it came from, for messages; its base name must equal the id.
  /// - Throws: ``KnowledgeErrors`` listing every problem found.
  public static func parse(_ text: String, path: String) throws(KnowledgeErrors) -> Intent {
    var problems: [CoachError] = []
    func fail(_ line: Int, _ message: String) {
      problems.append(.knowledge(path: path, line: line, message: message))
    }
    // "\r\n" is one Character in Swift, so a split on "\n" alone would miss Windows line ends.
    let content = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
    let lines = content.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
    guard lines.first?.trimmingWhiteSpace() == "---" else {
      throw KnowledgeErrors(errors: [
        .knowledge(path: path, line: 1, message: "expected front matter: the first line must be '---'")
      ])
    }
    guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingWhiteSpace() == "---" })
    else {
      throw KnowledgeErrors(errors: [
        .knowledge(path: path, line: 1, message: "front matter is not closed: no second '---' line")
      ])
    }
    let yaml = lines[1..<close].joined(separator: "\n")
    let front: FrontMatter
    do {
      front = try FrontMatter(yaml: yaml, firstLine: 2, closingLine: close + 1)
    } catch {
      throw KnowledgeErrors(errors: [.knowledge(path: path, line: error.line, message: error.message)])
    }

    for (key, line) in front.keyLines where !knownKeys.contains(key) {
      fail(line, "unknown key '\(key)' (expected one of: \(knownKeys.sorted().joined(separator: ", ")))")
    }
    let id = front.string("id", fail: fail) ?? ""
    if !id.isEmpty {
      let valid = id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
      if !valid || id.hasPrefix("-") || id == "unknown" {
        fail(front.line(of: "id"), "id '\(id)' must be lower-case letters, digits and '-', and not 'unknown'")
      } else if case let base = path.lastPathComponent, base.hasSuffix(".md"), String(base.dropLast(3)) != id {
        fail(front.line(of: "id"), "id '\(id)' does not match the file name '\(base)'")
      }
    }
    let title = front.string("title", fail: fail) ?? ""
    var kind = Intent.Kind.sign
    if let kindText = front.string("kind", fail: fail) {
      if let parsed = Intent.Kind(rawValue: kindText) {
        kind = parsed
      } else {
        fail(
          front.line(of: "kind"),
          "unknown kind '\(kindText)' (expected one of: \(Intent.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
      }
    }
    let sources = front.list("sources", required: true, fail: fail)
    let covers = front.list("covers", required: false, fail: fail)
    let examples = front.list("examples", required: true, fail: fail)
    let keywords = front.list("keywords", required: false, fail: fail)
    let related = front.list("related", required: false, fail: fail)

    var body = Body()
    body.read(lines: lines, from: close + 1, fail: fail)
    let guidance = body.guidance(kind: kind, kindLine: front.line(of: "kind"), fail: fail)

    guard problems.isEmpty else { throw KnowledgeErrors(errors: problems) }
    return Intent(
      id: id, title: title, kind: kind, sources: sources, covers: covers, examples: examples,
      keywords: keywords, related: related, guidance: guidance, path: path)
  }
}

/// The front matter of a knowledge file: a YAML mapping whose values keep their line numbers.
struct FrontMatter {
  /// A problem at a line of the file.
  struct Problem: Error {
    var line: Int
    var message: String
  }

  private var values: [String: YAMLNode] = [:]
  private(set) var keyLines: [(String, Int)] = []
  private let firstLine: Int
  /// The closing `---` line, where a missing key is reported.
  private let endLine: Int

  init(yaml: String, firstLine: Int, closingLine: Int) throws(Problem) {
    self.firstLine = firstLine
    self.endLine = closingLine
    let offset = firstLine - 1
    let node: YAMLNode?
    do {
      node = try YAMLNode.compose(yaml)
    } catch {
      switch error {
      case .duplicateKey(let name, let line): throw Problem(line: line + offset, message: "key '\(name)' appears twice")
      case .invalid(let line, let problem):
        throw Problem(line: line + offset, message: "front matter is not valid YAML: \(problem)")
      }
    }
    guard let node else { return }
    guard let mapping = node.mapping else {
      throw Problem(line: firstLine, message: "front matter must be a mapping of 'key: value' lines")
    }
    for (key, value) in mapping {
      let line = key.line + offset
      guard let name = key.scalar else {
        throw Problem(line: line, message: "front matter keys must be words")
      }
      values[name] = value
      keyLines.append((name, line))
    }
  }

  func line(of key: String) -> Int {
    keyLines.first(where: { $0.0 == key })?.1 ?? firstLine
  }

  func string(_ key: String, fail: (Int, String) -> Void) -> String? {
    guard let node = values[key] else {
      fail(endLine, "missing required key '\(key)'")
      return nil
    }
    guard let text = node.scalar?.trimmingWhiteSpace(), !text.isEmpty else {
      fail(line(of: key), "'\(key)' must be a non-empty text")
      return nil
    }
    return text
  }

  func list(_ key: String, required: Bool, fail: (Int, String) -> Void) -> [String] {
    guard let node = values[key] else {
      if required { fail(endLine, "missing required key '\(key)'") }
      return []
    }
    if node.isEmptyPlainScalar {
      if required { fail(line(of: key), "'\(key)' is empty: give at least one item") }
      return []
    }
    guard let sequence = node.sequence else {
      fail(line(of: key), "'\(key)' must be a list ('- item' lines or [a, b])")
      return []
    }
    var items: [String] = []
    for item in sequence {
      let itemLine = item.line + firstLine - 1
      guard let text = item.scalar?.trimmingWhiteSpace() else {
        fail(itemLine, "each item of '\(key)' must be a text")
        continue
      }
      if text.isEmpty {
        fail(itemLine, "an item of '\(key)' is empty")
        continue
      }
      items.append(text)
    }
    if required, items.isEmpty, sequence.isEmpty {
      fail(line(of: key), "'\(key)' is empty: give at least one item")
    }
    return items
  }
}

/// The Markdown body of a knowledge file: its `## ` sections with their line numbers.
struct Body {
  struct Section {
    var title: String
    var line: Int
    var lines: [(text: String, line: Int)] = []
  }

  var sections: [Section] = []

  mutating func read(lines: [String], from start: Int, fail: (Int, String) -> Void) {
    var current: Section?
    for index in start..<lines.count {
      let line = lines[index]
      let number = index + 1
      if line.hasPrefix("## ") {
        if let current { sections.append(current) }
        let title = line.dropFirst(3).trimmingWhiteSpace()
        let key = title.lowercased()
        if Guidance.Stage.Name(loosely: key) == nil, !KnowledgeParser.otherSections.contains(key) {
          fail(number, "unknown section '## \(title)' (expected Answer, Acknowledge, Validate, Clarify, Create buy-in, Make your case, Protocol, Protocol: CONCERN, Screen, In practice or Alongside)")
        }
        if sections.contains(where: { $0.title.lowercased() == key }) {
          fail(number, "section '## \(title)' appears twice")
        }
        current = Section(title: title, line: number)
      } else if current != nil {
        current?.lines.append((line, number))
      } else if !line.trimmingWhiteSpace().isEmpty, !line.hasPrefix("# ") {
        fail(number, "text before the first '## ' section")
      }
    }
    if let current { sections.append(current) }
  }

  func section(_ name: String) -> Section? {
    sections.first { $0.title.lowercased() == name }
  }

  func text(of section: Section) -> String {
    section.lines.map(\.text).joined(separator: "\n").trimmingWhiteSpace()
  }

  func guidance(kind: Intent.Kind, kindLine: Int, fail: (Int, String) -> Void) -> Guidance {
    let endLine = (sections.last?.lines.last?.line ?? sections.last?.line ?? kindLine)
    var answer = ""
    if kind == .noise {
      for section in sections { fail(section.line, "a noise file holds examples only: remove '## \(section.title)'") }
      return Guidance(answer: "")
    }
    if let section = section("answer") {
      answer = text(of: section)
      if answer.isEmpty { fail(section.line, "section 'Answer' is empty") }
    } else {
      fail(sections.first?.line ?? endLine, "missing section '## Answer'")
    }

    var stages: [Guidance.Stage] = []
    let present = Guidance.Stage.Name.allCases.filter { section($0.title.lowercased()) != nil }
    let stagesRequired = kind == .sign || kind == .situation
    if kind == .safety {
      for name in present {
        fail(section(name.title.lowercased())!.line, "a safety intent gives a protocol, not persuasion: remove '## \(name.title)'")
      }
    } else if stagesRequired || !present.isEmpty {
      for name in Guidance.Stage.Name.allCases {
        guard let section = section(name.title.lowercased()) else {
          fail(kindLine, "kind '\(kind.rawValue)' needs all five stages: missing '## \(name.title)'")
          continue
        }
        if let stage = Self.stage(name, from: section, fail: fail) { stages.append(stage) }
      }
    }

    var steps: [String] = []
    if let section = section("protocol") {
      if kind != .safety { fail(section.line, "only a safety intent has a '## Protocol'") }
      steps = Self.listItems(section)
      if steps.isEmpty { fail(section.line, "section 'Protocol' is empty: give numbered steps ('1. ...')") }
    } else if kind == .safety {
      fail(kindLine, "a safety intent needs a '## Protocol' section")
    }

    var alongside = ""
    if let section = section("alongside") {
      if kind != .situation { fail(section.line, "only a situation has an '## Alongside' section") }
      alongside = text(of: section)
    }
    let inPractice = section("in practice").map { text(of: $0) } ?? ""
    var guidance = Guidance(answer: answer, stages: stages, protocolSteps: steps, inPractice: inPractice, alongside: alongside)
    for section in sections where section.title.lowercased().hasPrefix("protocol: ") || section.title.lowercased() == "screen" {
      if kind != .safety { fail(section.line, "only a safety intent has a '## \(section.title)' section") }
      let items = Self.listItems(section)
      if items.isEmpty { fail(section.line, "section '\(section.title)' is empty: give numbered steps ('1. ...')") }
      let key = section.title.lowercased()
      if key == "screen" {
        guidance.screenSteps = items
      } else {
        guidance.concernProtocols.append(Guidance.ConcernProtocol(concern: String(key.dropFirst("protocol: ".count)), steps: items))
      }
    }
    return guidance
  }

  static func stage(_ name: Guidance.Stage.Name, from section: Section, fail: (Int, String) -> Void) -> Guidance.Stage? {
    var fields: [String: String] = [:]
    var last: String?
    for (text, line) in section.lines {
      let trimmed = text.trimmingWhiteSpace()
      if trimmed.isEmpty { continue }
      if let colon = trimmed.firstIndex(of: ":"),
        case let label = trimmed[..<colon].lowercased(), ["do", "why", "say"].contains(label)
      {
        if fields[label] != nil { fail(line, "stage '\(name.rawValue)' has two '\(label.capitalizedWord):' lines") }
        fields[label] = trimmed[trimmed.index(after: colon)...].trimmingWhiteSpace()
        last = label
      } else if let label = last {
        fields[label, default: ""] += " " + trimmed
      } else {
        fail(line, "stage '\(name.rawValue)': expected a 'Do:', 'Why:' or 'Say:' line")
      }
    }
    if fields.values.allSatisfy(\.isEmpty) {
      fail(section.line, "stage '\(name.rawValue)' is empty")
      return nil
    }
    var complete = true
    for label in ["do", "why", "say"] where (fields[label] ?? "").isEmpty {
      fail(section.line, "stage '\(name.rawValue)' has no '\(label.capitalizedWord):' line")
      complete = false
    }
    guard complete else { return nil }
    return Guidance.Stage(name: name, action: fields["do"]!, why: fields["why"]!, say: fields["say"]!)
  }

  static func listItems(_ section: Section) -> [String] {
    var items: [String] = []
    for (text, _) in section.lines {
      let trimmed = text.trimmingWhiteSpace()
      if trimmed.isEmpty { continue }
      if let dot = trimmed.firstIndex(where: { !$0.isNumber }), dot != trimmed.startIndex,
        trimmed[dot] == "." || trimmed[dot] == ")"
      {
        items.append(trimmed[trimmed.index(after: dot)...].trimmingWhiteSpace())
      } else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
        items.append(String(trimmed.dropFirst(2)))
      } else if !items.isEmpty {
        items[items.count - 1] += " " + trimmed
      } else {
        items.append(trimmed)
      }
    }
    return items
  }
}
