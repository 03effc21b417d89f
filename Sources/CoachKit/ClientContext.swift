import Foundation

/// What the user has told the coach about the client, used to fill the knowledge's slots.
public struct ClientContext: Sendable, Equatable {
  /// How the user refers to the client.
  public enum Pronoun: String, Sendable, Equatable {
    case she, he, they

    /// The words for `{they}`, `{them}`, `{their}`.
    var forms: (they: String, them: String, their: String) {
      switch self {
      case .she: ("she", "her", "her")
      case .he: ("he", "him", "his")
      case .they: ("they", "them", "their")
      }
    }
  }

  /// The client's pronoun, once the user has used one.
  public var pronoun: Pronoun?
  /// The topic that brings the resistance on ("her drinking"), once named.
  public var topic: String?
  /// Whether the user said the client is mandated.
  public var mandated = false

  /// Creates an empty context.
  public init(pronoun: Pronoun? = nil, topic: String? = nil, mandated: Bool = false) {
    self.pronoun = pronoun
    self.topic = topic
    self.mandated = mandated
  }

  /// This context updated with what a new line says; facts not mentioned are kept.
  public func updated(with text: String) -> ClientContext {
    var next = self
    let tokens = TextAnalyzer.analyze(text)
    let unquoted = tokens.filter { !$0.quoted }.map(\.word)
    let she = unquoted.filter { ["she", "her", "hers", "herself"].contains($0) }.count
    let he = unquoted.filter { ["he", "him", "his", "himself"].contains($0) }.count
    let they = unquoted.filter { ["they", "them", "their", "themselves", "themself"].contains($0) }.count
    if she > he, she > 0 {
      next.pronoun = .she
    } else if he > she, he > 0 {
      next.pronoun = .he
    } else if she == 0, he == 0, they > 0, next.pronoun == nil {
      next.pronoun = .they
    }
    if let topic = Self.topic(in: tokens) { next.topic = topic }
    let words = Set(unquoted)
    if !words.isDisjoint(with: ["mandated", "court", "probation", "parole", "ordered", "required", "sent", "cps"]) {
      next.mandated = true
    }
    return next
  }

  /// Words that introduce the topic: "when we talk about her drinking".
  static let topicOpeners: [[String]] = [
    ["talk", "about"], ["talking", "about"], ["talked", "about"], ["bring", "up"], ["brings", "up"], ["bringing", "up"],
    ["brought", "up"], ["mention"], ["mentioning"], ["mentioned"], ["ask", "about"], ["asking", "about"], ["asked", "about"],
    ["raise"], ["raising"], ["discuss"], ["discussing"], ["comes", "to"], ["come", "to"], ["topic", "of"], ["subject", "of"],
    ["talk", "of"], ["conversation", "about"], ["questions", "about"],
  ]
  static let topicStops: Set<String> = [
    "she", "he", "they", "it", "and", "but", "so", "then", "because", "when", "i", "we", "the", "client", "shuts",
    "gets", "goes", "changes", "starts", "just", "is", "was", "will", "not",
  ]

  /// The topic named after an opener, up to five words in its clause.
  static func topic(in tokens: [Token]) -> String? {
    let words = tokens.map(\.word)
    for opener in topicOpeners {
      guard opener.count <= words.count else { continue }
      for start in 0...(words.count - opener.count) where Array(words[start..<start + opener.count]) == opener {
        var topic: [String] = []
        var index = start + opener.count
        if index < words.count, words[index] == "up" { index += 1 }
        let clause = tokens[start].clause
        while index < tokens.count, tokens[index].clause == clause, topic.count < 5 {
          let word = words[index]
          if topic.count > 0 && topicStops.contains(word) { break }
          if topic.isEmpty && ["it", "that", "this", "anything", "something", "stuff", "things"].contains(word) { break }
          topic.append(word)
          index += 1
        }
        if let first = topic.first, !["the", "a", "an"].contains(first) || topic.count > 1, !topic.isEmpty {
          return topic.joined(separator: " ")
        }
      }
    }
    return nil
  }

  /// Fills the slots of a knowledge line: `{they}`, `{them}`, `{their}`, `{They}`, `{Their}`,
  /// `{topic|fallback}`. An unknown slot is left as written.
  public func fill(_ text: String) -> String {
    guard text.contains("{") else { return text }
    let forms = (pronoun ?? .they).forms
    var out = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      out += rest[..<open]
      let slot = rest[rest.index(after: open)..<close]
      let parts = slot.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(parts[0])
      switch name {
      case "they": out += forms.they
      case "them": out += forms.them
      case "their": out += forms.their
      case "They": out += forms.they.capitalized
      case "Them": out += forms.them.capitalized
      case "Their": out += forms.their.capitalized
      case "topic": out += topic ?? (parts.count > 1 ? String(parts[1]) : "this")
      default: out += rest[open...close]
      }
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }
}
