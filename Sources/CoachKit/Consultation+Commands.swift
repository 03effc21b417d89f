/// What the slash commands do to a consult; ``SlashCommand`` names them.
extension Consultation {
  /// The whole knowledge card of an intent, or of the guidance under discussion.
  func card(_ argument: String) -> Response {
    let id = argument.trimmingSpaces()
    if id.isEmpty {
      guard let intent = current?.intent else { return .text("usage: /show ID (/topics lists them)\n") }
      return .text(renderer.renderCard(intent, context: context))
    }
    guard let intent = coach.table[id] else {
      return .text("unknown intent '\(Self.printable(id))': /topics lists them\n")
    }
    return .text(renderer.renderCard(intent, context: context))
  }

  /// The other readings of the last answer, numbered so that typing a number takes one.
  mutating func alternatives() -> Response {
    guard let last else { return .text("No answer yet: describe what your client is doing.\n") }
    let options = last.match.alternatives.compactMap { candidate in coach.table[candidate.intent].map { (candidate, $0) } }
    guard !options.isEmpty else { return .text("No alternatives: nothing else came close.\n") }
    var out = "Other readings of “\(Self.printable(last.input))”:\n"
    for (number, (candidate, intent)) in options.enumerated() {
      out += "  \(number + 1) \(intent.title)" + renderer.dim(" (\(intent.id), confidence \(TextRenderer.format(candidate.confidence)))") + "\n"
    }
    out += "Type a number to take one.\n"
    choice = Choice(options: options.map(\.1.id), reply: last)
    return .text(out)
  }

  /// Forgets the consult: the client, the guidance, the stage and the transcript.
  mutating func reset() {
    context = ClientContext()
    last = nil
    current = nil
    stage = nil
    choice = nil
    block = nil
    turns = []
    transcriptTrimmed = false
  }

  /// Turns saved line history on or off; the front end keeps or deletes the file.
  func history(_ argument: String) -> Response {
    let place = HistoryFile.path() ?? "your state folder"
    switch argument.lowercased() {
    case "on":
      return Response(
        text: renderer.wrap("History on: the lines you type are kept in \(place), readable by you only, in this and later chats. /history off deletes them.", indent: 0) + "\n",
        effect: .history(true))
    case "off":
      return Response(text: "History off: saved lines are deleted and nothing you type is kept.\n", effect: .history(false))
    default:
      return .text("usage: /history on|off\n")
    }
  }

  /// Writes the consult so far as Markdown to a private file.
  func save(to argument: String, overwrite: Bool) -> Response {
    var path = argument.trimmingSpaces()
    guard !path.isEmpty else { return .text("usage: /save FILE (or /save! FILE to replace it)\n") }
    if path.hasPrefix("~/"), let home = FileSystem.environment("HOME") { path = home + path.dropFirst() }
    let full = path.hasPrefix("/") ? path : (directory ?? FileSystem.currentDirectory) + "/" + path
    do {
      try PrivateFile.write(markdown(), to: full, overwrite: overwrite)
      return .text("Saved the consult to \(Self.printable(argument)) (readable by you only).\n")
    } catch {
      return .text("\(error)\n")
    }
  }

  /// The consult so far as Markdown: what the user said, and the coach's answers verbatim.
  func markdown() -> String {
    var out = "# Consult\n\n"
    if !context.isEmpty { out += "About the client: \(context.summary).\n\n" }
    if transcriptTrimmed || turns.count > Self.transcriptLimit { out += "(Earlier turns are not kept: this is the latest part of a long consult.)\n\n" }
    for (speaker, text) in transcript {
      if speaker == "you" {
        out += text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n") + "\n\n"
      } else {
        out += "```text\n" + text.trimmingLineBreaks() + "\n```\n\n"
      }
    }
    return out
  }

  /// `/help`, generated from the command table.
  func helpText() -> String {
    var out = "Describe what your client is doing or saying, or ask a question. Commands:\n"
    let width = (SlashCommand.all.map { $0.name.count + $0.argument.count }.max() ?? 0) + 4
    for command in SlashCommand.all {
      let left = "/" + command.name + (command.argument.isEmpty ? "" : " " + command.argument)
      out += "  " + left + String(repeating: " ", count: max(1, width - left.count)) + command.summary + "\n"
    }
    out += renderer.wrap("Follow-ups work too: “what next?”, “why?”, “what if she gets angry?”, “she's also court-ordered”.", indent: 0) + "\n"
    out += renderer.wrap("A line of \(Self.blockMarker) starts a message of several lines; another \(Self.blockMarker) sends it.", indent: 0) + "\n"
    return out
  }
}
