/// Renders replies and knowledge as text for a terminal or a plain stream, wrapped to a width.
public struct TextRenderer: Sendable {
  /// The width to wrap to, in columns.
  public var width: Int
  /// Whether to use ANSI colour and weight.
  public var color: Bool

  /// Creates a renderer.
  public init(width: Int = 80, color: Bool = false) {
    self.width = max(40, min(width, 160))
    self.color = color
  }

  /// How an intent's kind reads after its title.
  static func kindLabel(_ kind: Intent.Kind) -> String {
    switch kind {
    case .sign: "sign of resistance"
    case .situation: "situation"
    case .self: "your side of it"
    case .concept: "the ideas"
    case .safety: "SAFETY"
    case .noise: "out of scope"
    }
  }

  /// The whole answer to one input.
  public func render(_ reply: Reply) -> String {
    guard let intent = reply.intent else { return renderUnknown(reply) }
    if intent.kind == .safety { return renderSafety(reply, intent: intent) }
    var out = header(reply, intent: intent)
    out += wrap(intent.guidance.answer, indent: 0) + "\n"
    if !reply.stages.isEmpty {
      out += "\n"
      for (number, stage) in reply.stages.enumerated() { out += renderStage(stage, number: number + 1) }
    }
    if !intent.guidance.inPractice.isEmpty {
      out += "\n" + bold("In practice") + "\n" + wrap(intent.guidance.inPractice, indent: 2) + "\n"
    }
    if let backdrop = reply.backdrop, !backdrop.guidance.alongside.isEmpty {
      out += "\n" + bold("Because this is also: \(backdrop.title.lowercased())") + "\n"
      out += wrap(backdrop.guidance.alongside, indent: 2) + "\n"
    }
    out += footer(reply, intent: intent)
    return out
  }

  func header(_ reply: Reply, intent: Intent) -> String {
    var left = bold(intent.title) + dim(" · " + Self.kindLabel(intent.kind))
    var plain = intent.title + " · " + Self.kindLabel(intent.kind)
    if let backdrop = reply.backdrop {
      left += dim(" · with: " + backdrop.title.lowercased())
      plain += " · with: " + backdrop.title.lowercased()
    }
    let right = "confidence " + Self.format(reply.match.confidence)
    let gap = width - plain.count - right.count
    var out = left + (gap >= 2 ? String(repeating: " ", count: gap) : "\n") + dim(right) + "\n"
    if reply.match.ambiguous, let other = reply.nearest.first {
      out += dim(wrap("Close call with “\(other.title)”: /more shows the alternatives.", indent: 0)) + "\n"
    }
    return out
  }

  func footer(_ reply: Reply, intent: Intent) -> String {
    var parts = intent.related.prefix(4).map { $0 }
    parts += ["/why", "/next"]
    return "\n" + dim(wrap("Related: " + parts.joined(separator: " · "), indent: 0)) + "\n"
  }

  /// The column where a stage's text starts: after the longest label, " 5 Make your case ".
  static let stageColumn = 18

  /// One stage: number, name, what to do, why, and the line to say.
  public func renderStage(_ stage: Guidance.Stage, number: Int) -> String {
    let label = " \(number) \(stage.name.title)"
    let pad = String(repeating: " ", count: max(1, Self.stageColumn - label.count))
    let first = wrap(stage.action, indent: Self.stageColumn, firstIndent: 0)
    var out = bold(label) + pad + first + "\n"
    out += dim(wrap("Why: " + stage.why, indent: Self.stageColumn)) + "\n"
    out += (color ? "\u{1B}[36m" : "") + wrap("Say: " + stage.say, indent: Self.stageColumn) + (color ? "\u{1B}[0m" : "") + "\n"
    return out
  }

  /// A concern as a heading reads ("partner-violence" → "Partner violence").
  static func concernTitle(_ concern: String) -> String {
    let words = concern.split(separator: "-").joined(separator: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
  }

  func renderSafety(_ reply: Reply, intent: Intent) -> String {
    let match = reply.match
    let concerns = match.concerns.map(Self.concernTitle).joined(separator: ", ")
    let possible = match.tier == .possible
    let title = possible ? "CHECK FOR RISK FIRST · possible risk" : "SAFETY FIRST · " + (concerns.isEmpty ? intent.title : concerns)
    var out = (color ? "\u{1B}[1;31m" : "") + title + (color ? "\u{1B}[0m" : "") + "\n"
    if !match.evidence.safetyCues.isEmpty {
      let cues = match.evidence.safetyCues.map { "“\($0.words)” (\($0.concern)\($0.weak ? ", weak" : ""))" }.joined(separator: ", ")
      out += wrap("Heard: " + cues, indent: 0) + "\n"
    } else {
      out += wrap("Heard: no single phrase, but the whole reads like risk" + (concerns.isEmpty ? "" : " (" + concerns.lowercased() + ")") + ".", indent: 0) + "\n"
    }
    // What to do now comes first and whole: the screen for possible risk, else each concern's
    // protocol (the general one when no concern has its own).
    if possible {
      out += "\n" + bold("Ask these now, before anything else") + "\n" + numbered(intent.guidance.screenSteps)
    } else {
      var shown = false
      for concern in match.concerns {
        guard let steps = intent.guidance.steps(for: concern) else { continue }
        out += "\n" + bold(Self.concernTitle(concern)) + "\n" + numbered(steps)
        shown = true
      }
      if !shown { out += "\n" + numbered(intent.guidance.protocolSteps) }
    }
    if possible, let coaching = reply.coaching, !reply.stages.isEmpty {
      out += "\n" + bold("If the screen is clear: " + coaching.title.lowercased()) + dim(" · listen first; no persuasion yet") + "\n"
      for (number, stage) in reply.stages.enumerated() { out += renderStage(stage, number: number + 1) }
    }
    if !possible, !intent.guidance.inPractice.isEmpty {
      out += "\n" + wrap(intent.guidance.inPractice, indent: 0) + "\n"
    }
    out += "\n" + dim(wrap("This coach is not supervision or emergency help. Coaching on the resistance can wait until the person is safe.", indent: 0)) + "\n"
    return out
  }

  /// Numbered steps, each wrapped under its text.
  func numbered(_ steps: [String]) -> String {
    var out = ""
    for (number, step) in steps.enumerated() {
      let label = " \(number + 1). "
      out += bold(label) + wrap(step, indent: label.count, firstIndent: 0) + "\n"
    }
    return out
  }

  func renderUnknown(_ reply: Reply) -> String {
    if reply.match.evidence.notEnglish {
      return bold("I can only read English") + "\n"
        + wrap("Describe what the client does or says in English, and I can help. (Risk is still screened for in Spanish.)", indent: 0) + "\n"
    }
    var out = bold("Not sure what this is") + dim(" · confidence " + Self.format(reply.match.confidence)) + "\n"
    out += wrap("I don't have guidance that fits this. I help with a client's resistance: describe what the client does or says (\"shrugs and says nothing\", she said \"you're too young\"), or ask about the ideas (\"what is rolling with resistance?\").", indent: 0) + "\n"
    if !reply.nearest.isEmpty {
      out += "\n" + "Nearest topics:" + "\n"
      for intent in reply.nearest {
        out += "  " + intent.id + dim(" · " + intent.title) + "\n"
      }
    }
    out += dim("/topics lists everything I know.") + "\n"
    return out
  }

  /// The whole knowledge card of an intent, for `/show`.
  public func renderCard(_ intent: Intent, context: ClientContext = ClientContext()) -> String {
    var out = bold(intent.title) + dim(" · \(intent.id) · " + Self.kindLabel(intent.kind)) + "\n"
    out += wrap(intent.guidance.answer, indent: 0) + "\n"
    if !intent.guidance.stages.isEmpty {
      out += "\n"
      for (number, stage) in intent.guidance.stages.enumerated() {
        let filled = context.fill(stage, of: intent.kind)
        out += renderStage(filled, number: number + 1)
      }
    }
    for (number, step) in intent.guidance.protocolSteps.enumerated() {
      let label = " \(number + 1). "
      out += label + wrap(step, indent: label.count, firstIndent: 0) + "\n"
    }
    if !intent.guidance.inPractice.isEmpty {
      out += "\n" + bold("In practice") + "\n" + wrap(intent.guidance.inPractice, indent: 2) + "\n"
    }
    if !intent.guidance.alongside.isEmpty {
      out += "\n" + bold("When it is the backdrop to another sign") + "\n" + wrap(intent.guidance.alongside, indent: 2) + "\n"
    }
    if !intent.related.isEmpty { out += "\n" + dim(wrap("Related: " + intent.related.joined(separator: " · "), indent: 0)) + "\n" }
    if !intent.sources.isEmpty {
      out += "\n" + bold("Sources") + "\n"
      for source in intent.sources { out += wrap("- " + source, indent: 2, firstIndent: 0) + "\n" }
    }
    return out
  }

  /// Why the matcher chose what it chose.
  public func renderWhy(_ reply: Reply) -> String {
    let evidence = reply.match.evidence
    var out = bold("Why “\(reply.intent?.title ?? "unknown")”") + "\n"
    if !evidence.safetyCues.isEmpty {
      let cues = evidence.safetyCues.map { "“\($0.words)” (\($0.concern)\($0.weak ? ", weak" : ""))" }.joined(separator: ", ")
      out += wrap("Safety cues: " + cues + " — these win over everything else.", indent: 2, firstIndent: 2) + "\n"
    }
    // How sure the screen is, and the classifier's own reading, whatever the answer.
    let tier = reply.match.tier.map { "tier \($0.rawValue)" + (reply.match.concerns.isEmpty ? "" : " (" + reply.match.concerns.joined(separator: ", ") + ")") + "; " } ?? ""
    out += wrap("Risk: " + tier + "classifier " + Self.format(evidence.riskProbability) + ".", indent: 2, firstIndent: 2) + "\n"
    if !evidence.words.isEmpty {
      out += wrap("Words that pointed there: " + evidence.words.joined(separator: ", "), indent: 2, firstIndent: 2) + "\n"
    }
    if let example = evidence.nearestExample {
      out += wrap("Nearest example: “\(example)”", indent: 2, firstIndent: 2) + "\n"
    }
    if !evidence.negated.isEmpty {
      out += wrap("Read as negated: " + evidence.negated.joined(separator: ", "), indent: 2, firstIndent: 2) + "\n"
    }
    if !evidence.corrections.isEmpty {
      out += wrap("Read as typos: " + evidence.corrections.joined(separator: ", "), indent: 2, firstIndent: 2) + "\n"
    }
    if !evidence.scores.isEmpty {
      out += wrap("Scores: " + evidence.scores.map { "\($0.intent) \(Self.format($0.confidence))" }.joined(separator: ", "), indent: 2, firstIndent: 2) + "\n"
    }
    return out
  }

  /// Intents grouped by kind, for `/topics` and `coach intents`.
  public func renderTopics(_ table: IntentTable) -> String {
    var out = ""
    for kind in Intent.Kind.allCases where kind != .noise {
      let intents = table.intents.filter { $0.kind == kind }
      guard !intents.isEmpty else { continue }
      out += bold(Self.kindHeading(kind)) + "\n"
      let idWidth = (intents.map(\.id.count).max() ?? 0) + 2
      for intent in intents {
        out += "  " + intent.id + String(repeating: " ", count: idWidth - intent.id.count) + dim(intent.title) + "\n"
      }
    }
    return out
  }

  static func kindHeading(_ kind: Intent.Kind) -> String {
    switch kind {
    case .sign: "Signs: what the client does"
    case .situation: "Situations: who the client is"
    case .self: "Your own side"
    case .concept: "Questions about the ideas"
    case .safety: "Safety"
    case .noise: "Out of scope (taught, never answered)"
    }
  }

  static func format(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
  }

  /// Word-wraps text; lines after the first are indented by `indent` columns, and the lines of
  /// a list item (`- `, `1. `) hang under its text.
  public func wrap(_ text: String, indent: Int, firstIndent: Int? = nil) -> String {
    // Guidance is ASCII with the odd dash, curly quote or accented letter: each of its
    // characters is one Unicode scalar, so it is wrapped byte by byte (five times faster),
    // counting scalars; the same text as by characters below.
    if Self.isOneScalarPerCharacter(text) { return wrapScalars(text, indent: indent, firstIndent: firstIndent) }
    return wrapCharacters(text, indent: indent, firstIndent: firstIndent)
  }

  /// Whether every character of a text is a single Unicode scalar, for a check that costs less
  /// than counting characters: ASCII other than carriage returns (CR LF is one character),
  /// Latin letters and their spacing modifiers (U+00A0-02FF), and general punctuation, dashes,
  /// quotes and arrows (U+2010-2027, U+2030-205E, U+2190-21FF). Combining marks, joiners,
  /// emoji and other scripts go the slow way.
  static func isOneScalarPerCharacter(_ text: String) -> Bool {
    if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return true }
    return text.unicodeScalars.allSatisfy { scalar in
      switch scalar.value {
      case 0x0D: false
      case 0..<0x80, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x21FF: true
      default: false
      }
    }
  }

  /// Word-wraps text counting characters: any text.
  func wrapCharacters(_ text: String, indent: Int, firstIndent: Int?) -> String {
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let hang = Self.listMarkerWidth(paragraph)
      var line = ""
      var pad = lines.isEmpty ? (firstIndent ?? indent) : indent
      var available = max(20, width - indent)
      for word in paragraph.split(separator: " ") {
        if line.isEmpty {
          line = String(word)
        } else if line.count + 1 + word.count <= available {
          line += " " + word
        } else {
          lines.append(String(repeating: " ", count: pad) + line)
          line = String(word)
          pad = indent + hang
          available = max(20, width - indent - hang)
        }
      }
      lines.append(String(repeating: " ", count: pad) + line)
    }
    return lines.joined(separator: "\n")
  }

  /// ``wrap(_:indent:firstIndent:)`` for text whose characters are single scalars: a column
  /// per scalar, the bytes that start one.
  func wrapScalars(_ text: String, indent: Int, firstIndent: Int?) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + text.utf8.count / 8 + 16)
    let space = UInt8(ascii: " ")
    var text = text
    text.withUTF8 { all in
      var firstLine = true
      var paragraphStart = 0
      while paragraphStart <= all.count {
        let paragraphEnd = all[paragraphStart...].firstIndex(of: UInt8(ascii: "\n")) ?? all.count
        let paragraph = UnsafeBufferPointer(rebasing: all[paragraphStart..<paragraphEnd])
        let hang = Self.listMarkerWidth(paragraph)
        var pad = firstLine ? (firstIndent ?? indent) : indent
        var available = max(20, width - indent)
        if !firstLine { out.append(UInt8(ascii: "\n")) }
        firstLine = false
        var lineWidth = -1
        var position = 0
        while position < paragraph.count {
          if paragraph[position] == space {
            position += 1
            continue
          }
          let wordEnd = paragraph[position...].firstIndex(of: space) ?? paragraph.count
          let word = UnsafeBufferPointer(rebasing: paragraph[position..<wordEnd])
          var columns = 0
          for byte in word where byte & 0xC0 != 0x80 { columns += 1 }
          if lineWidth < 0 {
            out.append(contentsOf: repeatElement(space, count: pad))
            lineWidth = columns
          } else if lineWidth + 1 + columns <= available {
            out.append(space)
            lineWidth += 1 + columns
          } else {
            pad = indent + hang
            available = max(20, width - indent - hang)
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(space, count: pad))
            lineWidth = columns
          }
          out.append(contentsOf: word)
          position = wordEnd
        }
        if lineWidth < 0 { out.append(contentsOf: repeatElement(space, count: pad)) }
        paragraphStart = paragraphEnd + 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The width of a list marker that starts a paragraph ("- ", "12. "), in ASCII bytes, or 0.
  static func listMarkerWidth(_ paragraph: UnsafeBufferPointer<UInt8>) -> Int {
    if paragraph.count >= 2, paragraph[1] == UInt8(ascii: " "), paragraph[0] == UInt8(ascii: "-") || paragraph[0] == UInt8(ascii: "*") { return 2 }
    let digits = paragraph.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
    guard digits > 0, paragraph.count >= digits + 2, paragraph[digits] == UInt8(ascii: "."), paragraph[digits + 1] == UInt8(ascii: " ") else { return 0 }
    return digits + 2
  }

  /// The width of a list marker that starts a paragraph ("- ", "12. "), or 0.
  static func listMarkerWidth(_ paragraph: Substring) -> Int {
    if paragraph.hasPrefix("- ") || paragraph.hasPrefix("* ") { return 2 }
    let digits = paragraph.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, paragraph.dropFirst(digits.count).hasPrefix(". ") else { return 0 }
    return digits.count + 2
  }

  /// Text in bold, when colour is on.
  public func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
  /// Text dimmed, when colour is on.
  public func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}

extension TextRenderer {
  /// Text without ANSI escapes, for transcripts and JSON.
  public func stripped(_ text: String) -> String {
    // Plain text, all of it without colour and most of it with, comes back as it is.
    guard text.utf8.contains(0x1B) else { return text }
    var out = ""
    var inEscape = false
    for scalar in text.unicodeScalars {
      if inEscape {
        if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
        continue
      }
      if scalar == "\u{1B}" {
        inEscape = true
        continue
      }
      out.unicodeScalars.append(scalar)
    }
    return out
  }
}
