/// Renders replies and the intent table as JSON, one object per line.
public enum JSONRenderer {
  /// The JSON object for one reply, on one line.
  public static func line(_ reply: Reply) -> String {
    var out = JSONWriter()
    write(reply, to: &out)
    return out.text
  }

  /// Writes the JSON object for one reply.
  public static func write(_ reply: Reply, to out: inout JSONWriter) {
    let intent = reply.intent
    let match = reply.match
    out.object { out in
      out.member("input", reply.input)
      out.member("intent", match.intent)
      out.member("title", intent?.title ?? "Unknown")
      out.member("kind", intent?.kind.rawValue)
      out.member("confidence", .number(match.confidence))
      out.key("alternatives")
      out.array { out in
        for candidate in match.alternatives {
          out.object { out in
            out.member("intent", candidate.intent)
            out.member("confidence", .number(candidate.confidence))
          }
        }
      }
      out.member("ambiguous", .bool(match.ambiguous))
      out.member("backdrop", match.backdrop)
      out.member("answer", intent?.guidance.answer ?? "")
      out.key("stages")
      out.array { out in
        for stage in reply.stages {
          out.object { out in
            out.member("stage", stage.name.rawValue)
            out.member("do", stage.action)
            out.member("why", stage.why)
            out.member("say", stage.say)
          }
        }
      }
      out.member("related", strings: intent?.related ?? [])
      out.member("sources", strings: intent?.sources ?? [])
      out.member("safety", .bool(reply.isSafety))
      if reply.isSafety, let intent {
        out.member("tier", match.tier?.rawValue ?? Match.Tier.risk.rawValue)
        out.member("concerns", strings: match.concerns)
        out.member("protocol", strings: intent.guidance.protocolSteps)
        out.key("protocols")
        out.array { out in
          for concern in match.concerns {
            guard let steps = intent.guidance.steps(for: concern) else { continue }
            out.object { out in
              out.member("concern", concern)
              out.member("steps", strings: steps)
            }
          }
        }
        if match.tier == .possible { out.member("screen", strings: intent.guidance.screenSteps) }
        out.member("coaching", reply.coaching?.id)
      }
      if let backdrop = reply.backdrop, !backdrop.guidance.alongside.isEmpty {
        out.member("alongside", backdrop.guidance.alongside)
      }
      out.key("evidence")
      out.object { out in
        out.member("words", strings: match.evidence.words)
        out.member("nearest_example", match.evidence.nearestExample)
        out.member("risk_probability", .number(match.evidence.riskProbability))
        if match.evidence.notEnglish { out.member("not_english", .bool(true)) }
        out.key("safety_cues")
        out.array { out in
          for cue in match.evidence.safetyCues {
            out.object { out in
              out.member("words", cue.words)
              out.member("concern", cue.concern)
              out.member("weak", .bool(cue.weak))
            }
          }
        }
      }
    }
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
