/// Renders replies and the intent table as JSON, one object per line.
public enum JSONRenderer {
  /// The JSON object for one reply.
  public static func object(_ reply: Reply) -> JSON {
    let intent = reply.intent
    let match = reply.match
    var pairs: [(String, JSON)] = [
      ("input", .string(reply.input)),
      ("intent", .string(match.intent)),
      ("title", intent.map { .string($0.title) } ?? .string("Unknown")),
      ("kind", intent.map { .string($0.kind.rawValue) } ?? .null),
      ("confidence", .number(match.confidence)),
      ("alternatives", .array(match.alternatives.map { .object([("intent", .string($0.intent)), ("confidence", .number($0.confidence))]) })),
      ("ambiguous", .bool(match.ambiguous)),
      ("backdrop", match.backdrop.map { .string($0) } ?? .null),
      ("answer", .string(intent?.guidance.answer ?? "")),
      ("stages", .array(reply.stages.map { stage in
        .object([("stage", .string(stage.name.rawValue)), ("do", .string(stage.action)), ("why", .string(stage.why)), ("say", .string(stage.say))])
      })),
      ("related", .array((intent?.related ?? []).map { .string($0) })),
      ("sources", .array((intent?.sources ?? []).map { .string($0) })),
      ("safety", .bool(reply.isSafety)),
    ]
    if reply.isSafety, let intent {
      pairs.append(("protocol", .array(intent.guidance.protocolSteps.map { .string($0) })))
    }
    if let backdrop = reply.backdrop, !backdrop.guidance.alongside.isEmpty {
      pairs.append(("alongside", .string(backdrop.guidance.alongside)))
    }
    pairs.append(("evidence", .object([
      ("words", .array(match.evidence.words.map { .string($0) })),
      ("nearest_example", match.evidence.nearestExample.map { .string($0) } ?? .null),
      ("safety_cues", .array(match.evidence.safetyCues.map { .object([("words", .string($0.words)), ("concern", .string($0.concern))]) })),
    ])))
    return .object(pairs)
  }

  /// The intent table: id, title, kind and the example phrases of each intent.
  public static func table(_ table: IntentTable) -> JSON {
    .object([
      ("intents", .array(table.intents.map { intent in
        .object([
          ("id", .string(intent.id)), ("title", .string(intent.title)), ("kind", .string(intent.kind.rawValue)),
          ("examples", .array(intent.examples.map { .string($0) })),
          ("keywords", .array(intent.keywords.map { .string($0) })),
          ("related", .array(intent.related.map { .string($0) })),
        ])
      }))
    ])
  }
}
