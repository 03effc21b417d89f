
/// One consult: the lines the user types, answered in turn, with what is known so far (the
/// guidance under discussion, the stage reached, the client's pronoun, topic and mandate).
///
/// It is a value a test can drive line by line; the front end only reads lines and writes the
/// text it gets back.
public struct Consultation: Sendable {
  /// How answers are written.
  public enum Format: Sendable { case text, json }

  /// What the front end must do besides writing the text.
  public enum Effect: Sendable, Equatable {
    /// Leave.
    case quit
    /// Turn saved line history on or off.
    case history(Bool)
  }

  /// The answer to one line.
  public struct Response: Sendable {
    /// What to write.
    public var text: String
    /// What else to do.
    public var effect: Effect?

    /// Text with nothing else to do.
    static func text(_ text: String) -> Response { Response(text: text, effect: nil) }
  }

  /// One answer before it is formatted: the text, and the reply it shows, if any.
  struct Turn {
    /// The answer as text, also what `/save` keeps.
    var text: String
    /// The reply shown, which JSON mode writes whole.
    var reply: Reply?
    /// What sort of follow-up this was, for JSON mode ("next", "why", "choice").
    var followUp = "description"
  }

  /// A question the coach asked: which of these intents did the user mean?
  struct Choice: Sendable {
    /// The intent ids offered, in the order they were numbered.
    var options: [String]
    /// The reply they are readings of.
    var reply: Reply
  }

  /// The line that opens and closes a block of several lines.
  public static let blockMarker = "\"\"\""

  /// The knowledge and matcher.
  public let coach: Coach
  /// How text is rendered.
  public var renderer: TextRenderer
  /// Text or JSON Lines.
  public var format: Format
  /// Whether a close call is answered with a question ("1 Hostility · 2 ...") rather than the
  /// likelier reading; off for one-shot answers, where nobody can reply.
  public var asksWhenUnsure = true
  /// What the user has said about the client.
  public internal(set) var context = ClientContext()
  /// The last answer given, for `/why` and `/more`.
  public internal(set) var last: Reply?
  /// The guidance under discussion: the last answer that found an intent.
  public internal(set) var current: Reply?
  /// The stage of `current` reached by `/next`, `/back` and `/stage` (0-based), or nil before the first step.
  public internal(set) var stage: Int?
  /// The question the coach asked, until it is answered or passed over.
  var choice: Choice?
  /// The lines of an open `"""` block.
  var block: [String]?
  /// What was said, for `/save`: the latest turns, at most ``transcriptLimit``.
  public var transcript: [(speaker: String, text: String)] { Array(turns.suffix(Self.transcriptLimit)) }
  /// The turns kept; up to twice the limit, so trimming happens once in a thousand lines
  /// instead of shifting a thousand turns on every line of a long script.
  var turns: [(speaker: String, text: String)] = []
  /// Whether the oldest turns were let go to keep memory flat.
  var transcriptTrimmed = false
  /// The working folder for relative `/save` paths; nil uses the process's own.
  public var directory: String?
  /// Matches computed ahead on another thread, for a script's lines; nil matches each line as
  /// it comes.
  public var matchAhead: MatchAhead?

  /// The text a raw line is matched as, when it is a description (not a command, a block
  /// marker or an empty line): what to hand ``MatchAhead`` before the line is handled.
  public static func matchedText(of rawLine: String) -> String? {
    let text = clean(rawLine)
    guard !text.isEmpty, !text.hasPrefix("/"), !text.hasPrefix(blockMarker) else { return nil }
    return text
  }

  /// Starts a consult.
  public init(coach: Coach, renderer: TextRenderer = TextRenderer(), format: Format = .text) {
    self.coach = coach
    self.renderer = renderer
    self.format = format
  }

  /// The intents offered by the question the coach asked, if it is waiting for an answer.
  public var pendingChoice: [String] { choice?.options ?? [] }

  /// Whether a `"""` block is open, so the front end shows its continuation prompt.
  public var isCollectingBlock: Bool { block != nil }

  /// Answers one line: a slash command, a follow-up to the guidance under discussion, an answer
  /// to a question the coach asked, or a new description. A line of `"""` opens a block that
  /// is answered as one message when a second `"""` closes it.
  public mutating func handle(_ rawLine: String) -> Response {
    let line = Self.clean(rawLine)
    if var lines = block {
      guard line.hasSuffix(Self.blockMarker) else {
        lines.append(line)
        block = lines
        return .text("")
      }
      lines.append(String(line.dropLast(Self.blockMarker.count)))
      block = nil
      return answer(lines.joined(separator: "\n"))
    }
    if line.hasPrefix(Self.blockMarker) {
      let rest = String(line.dropFirst(Self.blockMarker.count))
      if rest.count >= Self.blockMarker.count, rest.hasSuffix(Self.blockMarker) {
        return answer(String(rest.dropLast(Self.blockMarker.count)))
      }
      block = rest.isEmpty ? [] : [rest]
      return .text("")
    }
    return answer(line)
  }

  /// Answers a message of several lines at once, such as a pasted block.
  public mutating func handle(message: String) -> Response {
    let lines = message.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { Self.clean(String($0)) }
    guard lines.count > 1 else { return handle(lines.first ?? "") }
    return answer(lines.joined(separator: "\n"))
  }

  /// Drops an open `"""` block; returns whether there was one.
  public mutating func cancelBlock() -> Bool {
    defer { block = nil }
    return block != nil
  }

  /// Answers a whole message, already cleaned.
  mutating func answer(_ message: String) -> Response {
    let text = message.trimmingWhiteSpace()
    guard !text.isEmpty else { return .text("") }
    if text.hasPrefix("/"), !text.utf8.contains(UInt8(ascii: "\n")) {
      let response = command(text)
      if response.effect != .quit, !Self.unrecorded.contains(Self.commandName(text)) {
        record(text, format == .json ? "" : response.text)
      }
      return response
    }
    let turn = followUp(text) ?? describe(text)
    record(text, turn.text.isEmpty ? turn.reply.map { "→ " + ($0.intent?.title ?? "not sure what this is") } ?? "" : turn.text)
    guard format == .json else { return .text(turn.text) }
    if let reply = turn.reply { return .text(JSONRenderer.line(reply) + "\n") }
    let object = JSON.object([("input", .string(text)), ("followup", .string(turn.followUp)), ("output", .string(renderer.stripped(turn.text)))])
    return .text(object.serialized() + "\n")
  }

  /// Commands left out of a saved consult: they say nothing about the client.
  static let unrecorded: Set<String> = ["save", "save!", "history", "help", "topics", "quit", "reset", "exit", "q", "?"]

  /// Adds a line and its answer to what `/save` writes.
  mutating func record(_ input: String, _ answer: String) {
    turns.append(("you", input))
    if !answer.isEmpty { turns.append(("coach", renderer.stripped(answer))) }
    // A script can pipe a million lines through; memory stays flat by keeping the latest turns.
    if turns.count > 2 * Self.transcriptLimit {
      turns.removeFirst(turns.count - Self.transcriptLimit)
      transcriptTrimmed = true
    }
  }

  /// How many entries (lines and answers) `/save` keeps: the latest ones.
  static let transcriptLimit = 1000

  /// Removes control characters (terminal escapes included) so nothing typed is echoed raw.
  static func clean(_ line: String) -> String {
    // Most lines are printable ASCII, with nothing to take out.
    if line.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return line.trimmingWhiteSpace() }
    var out = ""
    var pendingSpaceFromControl = false
    for scalar in line.unicodeScalars {
      let category = scalar.properties.generalCategory
      if scalar == "\t" || category == .control {
        // A control character (a NUL, an escape) between two words still separates them, but
        // never doubles a space that is already there.
        if let last = out.unicodeScalars.last, last != " " { out.append(" ") }
        pendingSpaceFromControl = true
      } else if scalar == " ", pendingSpaceFromControl, out.unicodeScalars.last == " " {
        continue
      } else if category == .format && scalar != "\u{200D}" || category == .surrogate || category == .privateUse
        || category == .unassigned
      {
        continue
      } else {
        pendingSpaceFromControl = false
        out.unicodeScalars.append(scalar)
      }
    }
    return out.trimmingWhiteSpace()
  }

  /// The name of the command on a line: `/save! x` is `save!`.
  static func commandName(_ line: String) -> String {
    String(line.dropFirst().prefix { !$0.isWhitespace })
  }

  /// Runs a slash command from the table; in JSON mode its text becomes a JSON line.
  mutating func command(_ line: String) -> Response {
    let name = Self.commandName(line)
    let argument = line.dropFirst(name.count + 1).trimmingSpaces()
    guard let command = SlashCommand.named(name) else {
      return output(command: name, "unknown command '/\(Self.printable(name))', type /help\n")
    }
    var response = command.run(&self, argument)
    if format == .json, response.effect != .quit {
      response.text = JSON.object([
        ("input", .string(line)), ("command", .string(command.name)), ("output", .string(renderer.stripped(response.text))),
      ]).serialized() + "\n"
    }
    return response
  }

  /// An error about a command, as text or as a JSON line.
  func output(command: String, _ text: String) -> Response {
    guard format == .json else { return .text(text) }
    return .text(JSON.object([("command", .string(command)), ("error", .string(text.trimmingLineBreaks()))]).serialized() + "\n")
  }

  /// Answers a new description, or a follow-up that names a new sign or situation ("what if
  /// he gets angry?", "she's also court-ordered"), keeping what is known about the client.
  mutating func describe(_ text: String) -> Turn {
    let isFollowUp = current?.intent != nil && Self.readsAsFollowUp(text, pronoun: context.pronoun)
    context = context.updated(with: text)
    var match = settled(matchAhead?.match(text) ?? coach.matcher.match(text), in: text)
    if match.intent == Reply.mandatedBackdrop || match.backdrop == Reply.mandatedBackdrop { context.mandated = true }
    if isFollowUp, let current, let sign = current.intent, sign.kind == .sign, coach.table.kind(of: match.intent) == .situation {
      return addBackdrop(match.intent, to: current)
    }
    if isFollowUp, match.backdrop == nil, coach.table.kind(of: match.intent) == .sign, let backdrop = current?.match.backdrop {
      match.backdrop = backdrop
    }
    let reply = Reply(input: text, match: match, table: coach.table, context: context)
    last = reply
    choice = nil
    if match.ambiguous, !reply.isSafety, let first = reply.intent, let second = reply.nearest.first {
      choice = Choice(options: [first.id, second.id], reply: reply)
      if format == .text, asksWhenUnsure { return Turn(text: question(first, second), followUp: "question") }
    }
    if reply.intent != nil {
      current = reply
      stage = nil
    }
    let preface = isFollowUp && reply.intent != nil && !context.isEmpty
      ? renderer.dim("Keeping what you told me: \(context.summary).") + "\n" : ""
    // JSON mode writes the reply whole, so the text is not rendered at all.
    return Turn(text: format == .json ? "" : preface + renderer.render(reply), reply: reply)
  }

  /// The sign under discussion again, now framed by a situation the user added: what changes.
  mutating func addBackdrop(_ situation: String, to current: Reply) -> Turn {
    var match = current.match
    match.backdrop = situation
    let reply = Reply(input: current.input, match: match, table: coach.table, context: context)
    last = reply
    self.current = reply
    stage = nil
    choice = nil
    guard let sign = reply.intent, let backdrop = reply.backdrop else { return Turn(text: renderer.render(reply), reply: reply) }
    var out = renderer.wrap("Taking that into account: “\(sign.title)” with a \(backdrop.title.lowercased()) as the backdrop.", indent: 0) + "\n"
    if !backdrop.guidance.alongside.isEmpty {
      out += "\n" + renderer.bold("What changes") + "\n" + renderer.wrap(backdrop.guidance.alongside, indent: 2, firstIndent: 2) + "\n\n"
    }
    out += renderer.dim(renderer.wrap("The stages still hold, read in that light: /next walks them, /show \(sign.id) shows them all.", indent: 0)) + "\n"
    return Turn(text: out, reply: reply)
  }

  /// The question asked when two readings are too close to call (Rasa's two-stage fallback).
  func question(_ first: Intent, _ second: Intent) -> String {
    var out = "This could be read two ways:\n"
    for (number, intent) in [first, second].enumerated() {
      out += "  \(number + 1) \(intent.title)" + renderer.dim(" · " + TextRenderer.kindLabel(intent.kind)) + "\n"
    }
    out += renderer.wrap("Which fits better? Type 1 or 2, or a word from the title; or say it another way.", indent: 0) + "\n"
    return out
  }

  /// Text safe to echo to a terminal.
  static func printable(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }).prefix(200))
  }
}
