/// One consult: the lines the user types, answered in turn, with what is known so far (the
/// current intent, the stage reached, the client's pronoun and topic).
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

    static func text(_ text: String) -> Response { Response(text: text, effect: nil) }
  }

  /// The knowledge and matcher.
  public let coach: Coach
  /// How text is rendered.
  public var renderer: TextRenderer
  /// Text or JSON Lines.
  public var format: Format
  /// What the user has said about the client.
  public private(set) var context = ClientContext()
  /// The last answer given.
  public private(set) var last: Reply?
  /// The stage reached by `/next`, `/back` and `/stage` (0-based), or nil before the first step.
  public private(set) var stage: Int?
  /// The intents offered when the coach asked which one the user meant.
  public private(set) var pendingChoice: [String] = []
  /// The consult so far, as (who, text), for `/save`.
  public private(set) var transcript: [(speaker: String, text: String)] = []
  /// The working folder for relative `/save` paths; nil uses the process's own.
  public var directory: String?

  /// Starts a consult.
  public init(coach: Coach, renderer: TextRenderer = TextRenderer(), format: Format = .text) {
    self.coach = coach
    self.renderer = renderer
    self.format = format
  }

  /// Answers one line: a slash command, a follow-up to the last answer, an answer to a
  /// question the coach asked, or a new description.
  public mutating func handle(_ rawLine: String) -> Response {
    let line = Self.clean(rawLine)
    guard !line.isEmpty else { return .text("") }
    var response: Response
    if line.hasPrefix("/") {
      response = command(line)
    } else if let followUp = followUp(line) {
      response = followUp
    } else {
      response = describe(line)
    }
    if response.effect != .quit {
      transcript.append(("you", line))
      if !response.text.isEmpty { transcript.append(("coach", TextRenderer(width: 100).stripped(response.text))) }
    }
    return response
  }

  /// Removes control characters (terminal escapes included) so nothing typed is echoed raw.
  static func clean(_ line: String) -> String {
    var out = ""
    for scalar in line.unicodeScalars {
      let category = scalar.properties.generalCategory
      if scalar == "\t" {
        out.append(" ")
      } else if category == .control || category == .format && scalar != "\u{200D}" || category == .surrogate
        || category == .privateUse || category == .unassigned
      {
        continue
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out.trimmingCharacters(in: .whitespaces)
  }

  mutating func command(_ line: String) -> Response {
    let body = line.dropFirst()
    let name = body.prefix { !$0.isWhitespace }
    let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
    guard let command = SlashCommand.named(String(name)) else {
      return output(command: String(name), "unknown command '/\(Self.printable(String(name)))', type /help\n")
    }
    var response = command.run(&self, argument)
    if format == .json, response.effect != .quit {
      response.text = JSON.object([
        ("input", .string(line)), ("command", .string(command.name)), ("output", .string(TextRenderer().stripped(response.text))),
      ]).serialized() + "\n"
    }
    return response
  }

  func output(command: String, _ text: String) -> Response {
    guard format == .json else { return .text(text) }
    return .text(JSON.object([("command", .string(command)), ("error", .string(text.trimmingCharacters(in: .newlines)))]).serialized() + "\n")
  }

  /// Follow-ups that continue the last answer rather than start a new one.
  static let nextPhrases: Set<String> = [
    "next", "what next", "and then", "then what", "what now", "now what", "go on", "continue", "keep going", "and next",
    "what do i say", "what should i say", "what do i do next", "what should i do next", "what is next", "whats next",
    "and after that", "what after that", "ok", "okay", "ok next", "okay next", "next step", "next stage", "more",
    "and if that does not work", "what if that does not work", "if that does not work", "that did not work",
    "it did not work", "that does not work", "then what do i do", "what do i do then",
  ]
  static let whyPhrases: Set<String> = ["why", "how come", "why that", "why is that", "why this", "why that one", "why would that work", "why does that work"]
  static let backPhrases: Set<String> = ["back", "go back", "previous", "previous stage", "last stage"]

  mutating func followUp(_ line: String) -> Response? {
    let key = TextAnalyzer.fold(line).unicodeScalars.filter { CharacterSet.letters.contains($0) || $0 == " " }
      .map(String.init).joined().split(separator: " ").joined(separator: " ")
    let expanded = TextAnalyzer.analyze(line).map(\.word).joined(separator: " ")
    if !pendingChoice.isEmpty, let choice = resolveChoice(key) {
      pendingChoice = []
      return choice
    }
    guard let last, last.intent != nil else { return nil }
    if Self.nextPhrases.contains(key) || Self.nextPhrases.contains(expanded) { return step(by: 1) }
    if Self.backPhrases.contains(key) { return step(by: -1) }
    if Self.whyPhrases.contains(key) { return explainStage() }
    if let name = Guidance.Stage.Name(loosely: key), !last.stages.isEmpty { return jump(to: name.rawValue) }
    _ = last
    return nil
  }

  mutating func resolveChoice(_ key: String) -> Response? {
    let options = pendingChoice
    var chosen: String?
    if let number = Int(key), (1...options.count).contains(number) {
      chosen = options[number - 1]
    } else if ["one", "first", "the first", "the first one"].contains(key) {
      chosen = options[0]
    } else if ["two", "second", "the second", "the second one"].contains(key), options.count > 1 {
      chosen = options[1]
    } else {
      let words = Set(key.split(separator: " ").map(String.init)).subtracting(["the", "a", "one", "client", "it", "is"])
      let hits = options.filter { id in
        guard let intent = coach.table[id] else { return false }
        let titleWords = Set(TextAnalyzer.fold(intent.title).split(whereSeparator: { !$0.isLetter }).map(String.init))
          .union(id.split(separator: "-").map(String.init))
        return !words.isDisjoint(with: titleWords)
      }
      if hits.count == 1 { chosen = hits[0] }
    }
    guard let chosen, let input = last?.input else { return nil }
    var match = coach.matcher.match(input)
    let previous = match.intent
    match.intent = chosen
    match.ambiguous = false
    match.alternatives = ([Match.Candidate(intent: previous, confidence: match.confidence)] + match.alternatives).filter { $0.intent != chosen }.prefix(3).map { $0 }
    let reply = Reply(input: input, match: match, table: coach.table, context: context)
    last = reply
    stage = nil
    return .text(render(reply))
  }

  /// Answers a new description, or a follow-up that names a new sign ("what if she gets angry?").
  mutating func describe(_ line: String) -> Response {
    context = context.updated(with: line)
    let match = coach.matcher.match(line)
    let reply = Reply(input: line, match: match, table: coach.table, context: context)
    last = reply
    stage = nil
    pendingChoice = []
    var text = render(reply)
    if format == .text, match.ambiguous, !reply.isSafety, let first = reply.intent, let second = reply.nearest.first {
      pendingChoice = [first.id, second.id]
      text += "\nThis could also be “\(second.title)”. Which fits better? 1 \(first.title) · 2 \(second.title)\n"
    }
    return .text(text)
  }

  func render(_ reply: Reply) -> String {
    switch format {
    case .text: renderer.render(reply)
    case .json: JSONRenderer.object(reply).serialized() + "\n"
    }
  }

  mutating func step(by delta: Int) -> Response {
    guard let last, let intent = last.intent else {
      return .text("No guidance to walk yet: describe what your client is doing.\n")
    }
    guard !last.stages.isEmpty else {
      if intent.kind == .safety {
        return .text("Stay with the safety protocol above: there are no persuasion stages while someone may be at risk.\n")
      }
      return .text("“\(intent.title)” is an answer, not staged guidance. /show \(intent.id) shows all of it.\n")
    }
    let next = (stage.map { $0 + delta }) ?? (delta > 0 ? 0 : 0)
    if next >= last.stages.count {
      stage = last.stages.count - 1
      return .text("That was the last stage, “Make your case”. If it still isn't landing, go back to acknowledging: resistance usually means the client doesn't feel heard yet. /back walks back.\n")
    }
    if next < 0 {
      stage = 0
      return .text("This is the first stage.\n")
    }
    stage = next
    return .text(renderer.renderStage(last.stages[next], number: next + 1))
  }

  mutating func jump(to name: String) -> Response {
    guard let wanted = Guidance.Stage.Name(loosely: name) else {
      return .text("unknown stage '\(Self.printable(name))': acknowledge, validate, clarify, buy-in or case\n")
    }
    guard let last, let index = last.stages.firstIndex(where: { $0.name == wanted }) else {
      return .text("No staged guidance to jump into yet: describe what your client is doing.\n")
    }
    stage = index
    return .text(renderer.renderStage(last.stages[index], number: index + 1))
  }

  func explainStage() -> Response {
    guard let last, let intent = last.intent else { return .text("") }
    if let stage, stage < last.stages.count {
      return .text(renderer.wrap("Why “\(last.stages[stage].name.title)”: " + last.stages[stage].why, indent: 0) + "\n")
    }
    return .text(renderer.wrap("Why: " + intent.guidance.answer, indent: 0) + "\n" + renderer.renderWhy(last))
  }

  func show(_ argument: String) -> Response {
    let id = argument.trimmingCharacters(in: .whitespaces)
    if id.isEmpty, let intent = last?.intent { return .text(renderer.renderCard(intent, context: context)) }
    guard let intent = coach.table[id] else {
      return .text("unknown intent '\(Self.printable(id))': /topics lists them\n")
    }
    return .text(renderer.renderCard(intent, context: context))
  }

  mutating func alternatives() -> Response {
    guard let last else { return .text("No answer yet: describe what your client is doing.\n") }
    let options = last.match.alternatives.compactMap { coach.table[$0.intent] }
    guard !options.isEmpty else { return .text("No alternatives: nothing else came close.\n") }
    var out = "Other readings of “\(Self.printable(last.input))”:\n"
    for (number, intent) in options.enumerated() {
      let confidence = last.match.alternatives.first { $0.intent == intent.id }?.confidence ?? 0
      out += "  \(number + 1) \(intent.title) (\(intent.id), confidence \(TextRenderer.format(confidence)))\n"
    }
    out += "Type a number to take one.\n"
    pendingChoice = options.map(\.id)
    return .text(out)
  }

  mutating func reset() {
    context = ClientContext()
    last = nil
    stage = nil
    pendingChoice = []
    transcript = []
  }

  func history(_ argument: String) -> Response {
    switch argument.lowercased() {
    case "on": return Response(text: "History on: lines you type are kept, readable by you only, in \(HistoryFile.path() ?? "your state folder").\n", effect: .history(true))
    case "off": return Response(text: "History off: nothing you type is kept after you leave.\n", effect: .history(false))
    default: return .text("usage: /history on|off\n")
    }
  }

  func save(to argument: String, overwrite: Bool) -> Response {
    let path = argument.trimmingCharacters(in: .whitespaces)
    guard !path.isEmpty else { return .text("usage: /save FILE (or /save! FILE to replace it)\n") }
    var markdown = "# Consult\n\n"
    for (speaker, text) in transcript {
      if speaker == "you" {
        markdown += "> " + text + "\n\n"
      } else {
        markdown += text.trimmingCharacters(in: .newlines) + "\n\n"
      }
    }
    let full = path.hasPrefix("/") || directory == nil ? path : directory! + "/" + path
    do {
      try PrivateFile.write(markdown, to: full, overwrite: overwrite)
      return .text("Saved the consult to \(Self.printable(path)) (readable by you only).\n")
    } catch {
      return .text("\(error)\n")
    }
  }

  func helpText() -> String {
    var out = "Describe what your client is doing or saying, or ask a question. Commands:\n"
    let width = (SlashCommand.all.map { $0.name.count + $0.argument.count }.max() ?? 0) + 3
    for command in SlashCommand.all {
      let left = "/" + command.name + (command.argument.isEmpty ? "" : " " + command.argument)
      out += "  " + left + String(repeating: " ", count: max(1, width - left.count)) + command.summary + "\n"
    }
    out += "Follow-ups work too: “what next?”, “why?”, “what if she gets angry?”.\n"
    return out
  }

  /// Text safe to echo to a terminal.
  static func printable(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }).prefix(200))
  }
}

import Foundation
