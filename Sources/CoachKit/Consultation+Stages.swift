
/// Walking the stages of the guidance under discussion: `/next`, `/back`, `/stage`, "why?".
extension Consultation {
  /// Moves by `delta` stages (the first step lands on the first stage) and shows that stage.
  mutating func step(by delta: Int) -> Response {
    guard let current, let intent = current.intent else {
      return .text("No guidance to walk yet: describe what your client is doing.\n")
    }
    guard !current.stages.isEmpty else {
      if intent.kind == .safety {
        return .text("Stay with the safety protocol above: there are no persuasion stages while someone may be at risk.\n")
      }
      return .text("“\(intent.title)” is an answer, not staged guidance. /show \(intent.id) shows all of it.\n")
    }
    let next = stage.map { $0 + delta } ?? 0
    if next >= current.stages.count {
      stage = current.stages.count - 1
      return .text(
        renderer.wrap(
          "That was the last stage, “Make your case”. If it still isn't landing, go back to acknowledging: resistance usually means the client doesn't feel heard yet. /stage acknowledge starts again.",
          indent: 0) + "\n")
    }
    if next < 0 {
      stage = 0
      return .text("This is the first stage, “\(current.stages[0].name.title)”.\n")
    }
    return show(stage: next, of: current)
  }

  /// Shows a stage by name: acknowledge, validate, clarify, buy-in or case.
  mutating func jump(to name: String) -> Response {
    guard let wanted = Guidance.Stage.Name(loosely: name) else {
      return .text("unknown stage '\(Self.printable(name))': acknowledge, validate, clarify, buy-in or case\n")
    }
    guard let current, let index = current.stages.firstIndex(where: { $0.name == wanted }) else {
      return .text("No staged guidance to jump into yet: describe what your client is doing.\n")
    }
    return show(stage: index, of: current)
  }

  /// One stage, under a line saying where it stands, with what comes next.
  mutating func show(stage index: Int, of reply: Reply) -> Response {
    stage = index
    let title = reply.intent?.title ?? ""
    var out = renderer.dim("\(title) · stage \(index + 1) of \(reply.stages.count)") + "\n"
    out += renderer.renderStage(reply.stages[index], number: index + 1)
    if index + 1 < reply.stages.count {
      out += renderer.dim("Next: “\(reply.stages[index + 1].name.title)” (/next), or ask “why?”") + "\n"
    }
    return .text(out)
  }

  /// The reasoning: at a stage, why that stage and the thinking behind the guidance; before
  /// the first step, the thinking and what the matcher heard.
  func explain() -> Response {
    guard let current, let intent = current.intent else { return .text("Nothing to explain yet: describe what your client is doing.\n") }
    if let stage, stage < current.stages.count {
      let named = current.stages[stage]
      return .text(
        renderer.wrap("Why “\(named.name.title)”: " + named.why, indent: 0) + "\n\n"
          + renderer.wrap("The thinking behind “\(intent.title)”: " + intent.guidance.answer, indent: 0) + "\n")
    }
    return .text(renderer.wrap("The thinking behind “\(intent.title)”: " + intent.guidance.answer, indent: 0) + "\n\n" + renderer.renderWhy(current))
  }
}
