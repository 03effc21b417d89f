
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

  /// Whether nothing is known yet.
  public var isEmpty: Bool { pronoun == nil && topic == nil && !mandated }

  /// What is known, in a few words: "she · mandated · topic: her drinking".
  public var summary: String {
    var parts: [String] = []
    if let pronoun { parts.append(pronoun.rawValue) }
    if mandated { parts.append("mandated") }
    if let topic { parts.append("topic: " + topic) }
    return parts.joined(separator: " · ")
  }

  /// This context updated with what a new line says; facts not mentioned are kept.
  public func updated(with text: String) -> ClientContext {
    var next = self
    let tokens = TextAnalyzer.analyze(text)
    var she = 0
    var he = 0
    var they = 0
    for token in tokens where !token.quoted {
      switch Self.pronoun(token.word) {
      case .she: she += 1
      case .he: he += 1
      case .they: they += 1
      case nil: break
      }
    }
    if she > he, she > 0 {
      next.pronoun = .she
    } else if he > she, he > 0 {
      next.pronoun = .he
    } else if she == 0, he == 0, they > 0, next.pronoun == nil {
      next.pronoun = .they
    }
    if let topic = Self.topic(in: tokens) { next.topic = topic }
    if Self.saysMandated(tokens) { next.mandated = true }
    return next
  }

  // These small word lists are `switch`es rather than sets and dictionaries: nothing to build
  // or hash at start-up, and no generic types for the runtime to make.

  /// The pronoun a word is, if it is one.
  static func pronoun(_ word: String) -> Pronoun? {
    switch word {
    case "she", "her", "hers", "herself": .she
    case "he", "him", "his", "himself": .he
    case "they", "them", "their", "themselves", "themself": .they
    default: nil
    }
  }

  /// Words that say the client did not choose to come; "cps" and "po" arrive expanded.
  static func isMandateWord(_ word: String) -> Bool {
    switch word {
    case "mandated", "mandate", "mandatory", "court", "probation", "parole", "protective", "involuntary", "coerced", "ultimatum",
      "caseworker":
      true
    default: false
    }
  }

  /// The words that say it, or can start a pair that does.
  static func canStartMandate(_ word: String) -> Bool {
    switch word {
    case "sent", "the", "a", "made", "makes", "forced", "has", "have", "had", "required", "ordered": true
    default: isMandateWord(word)
    }
  }

  /// Word pairs that say it on their own: "sent by", "the judge".
  static func isMandatePair(_ first: String, _ second: String) -> Bool {
    switch first {
    case "sent": second == "by" || second == "here"
    case "the", "a": second == "judge"
    default: false
    }
  }

  /// Word pairs that say it when a word of coming follows: "made her come", "sent him here".
  static func isObligationPair(_ first: String, _ second: String) -> Bool {
    switch first {
    case "made", "makes", "sent": second == "her" || second == "him" || second == "them"
    case "forced", "has", "have", "had", "required", "ordered": second == "to"
    default: false
    }
  }

  /// The words of coming that complete an obligation pair.
  static func isComingWord(_ word: String) -> Bool {
    switch word {
    case "come", "attend", "finish", "complete", "here": true
    default: false
    }
  }

  /// Whether the tokens say the client is mandated, outside a negation ("not court-ordered").
  static func saysMandated(_ tokens: [Token]) -> Bool {
    // One lookup a word tells whether it can start anything; most lines hold no such word.
    guard tokens.contains(where: { !$0.quoted && !$0.negated && canStartMandate($0.word) }) else { return false }
    let words = tokens.filter { !$0.quoted && !$0.negated }.map(\.word)
    for (index, word) in words.enumerated() where canStartMandate(word) {
      if isMandateWord(word) { return true }
      guard index + 1 < words.count else { continue }
      let second = words[index + 1]
      if isMandatePair(word, second) { return true }
      guard isObligationPair(word, second), index + 2 < words.count else { continue }
      let following = words[index + 2]
      if isComingWord(following) || following == "be" && index + 3 < words.count && words[index + 3] == "here" {
        return true
      }
    }
    return false
  }

  /// Words that introduce the topic: "when we talk about her drinking".
  static let topicOpeners: [[String]] = [
    ["talk", "about"], ["talking", "about"], ["talked", "about"], ["bring", "up"], ["brings", "up"], ["bringing", "up"],
    ["brought", "up"], ["mention"], ["mentioning"], ["mentioned"], ["ask", "about"], ["asking", "about"], ["asked", "about"],
    ["raise"], ["raising"], ["discuss"], ["discussing"], ["comes", "to"], ["come", "to"], ["topic", "of"], ["subject", "of"],
    ["talk", "of"], ["conversation", "about"], ["questions", "about"],
  ]
  /// The first words of the openers.
  static let topicOpenerStarts = Set(topicOpeners.map { $0[0] })
  /// Words that end a topic: "her drinking" stops before "she shuts down".
  static let topicStops: Set<String> = [
    "she", "he", "they", "it", "and", "but", "so", "then", "because", "when", "i", "we", "the", "client", "shuts",
    "gets", "goes", "changes", "starts", "just", "is", "was", "will", "not",
  ]

  /// The topic named after an opener, up to five words in its clause.
  static func topic(in tokens: [Token]) -> String? {
    // Most lines name no topic: one set lookup a word says so before the openers are tried.
    guard tokens.contains(where: { topicOpenerStarts.contains($0.word) }) else { return nil }
    let words = tokens.map(\.word)
    for opener in topicOpeners {
      guard opener.count <= words.count else { continue }
      for start in 0...(words.count - opener.count) where words[start] == opener[0] && words[start..<start + opener.count].elementsEqual(opener) {
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

  /// The topic as said to the client: "her drinking" becomes "your drinking".
  public var spokenTopic: String? {
    guard let topic else { return nil }
    let words = topic.split(separator: " ").map(String.init)
    return words.enumerated().map { index, word in
      switch word {
      case "her": index == words.count - 1 ? "you" : "your"
      case "his", "their": "your"
      case "him", "them": "you"
      case "hers", "theirs": "yours"
      case "herself", "himself", "themselves", "themself": "yourself"
      case "she", "he", "they": "you"
      default: word
      }
    }.joined(separator: " ")
  }

  /// Fills the slots of a knowledge line: `{they}`, `{them}`, `{their}`, `{They}`, `{Their}`,
  /// `{topic|fallback}`. An unknown slot is left as written.
  /// - Parameter spoken: whether the line is said to the client, so the topic is "your drinking".
  public func fill(_ text: String, spoken: Bool = false) -> String {
    var utf8 = text
    return utf8.withUTF8 { bytes in
      guard let firstOpen = bytes.firstIndex(of: UInt8(ascii: "{")) else { return text }
      let forms = (pronoun ?? .they).forms
      let topic = spoken ? spokenTopic : self.topic
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + 32)
      out += bytes[..<firstOpen]
      var position = firstOpen
      while position < bytes.count {
        guard bytes[position] == UInt8(ascii: "{"),
          let close = bytes[position...].firstIndex(of: UInt8(ascii: "}"))
        else {
          out.append(bytes[position])
          position += 1
          continue
        }
        let slot = bytes[(position + 1)..<close]
        let bar = slot.firstIndex(of: UInt8(ascii: "|"))
        let name = String(decoding: bar.map { slot[..<$0] } ?? slot, as: UTF8.self)
        switch name {
        case "they": out += forms.they.utf8
        case "them": out += forms.them.utf8
        case "their": out += forms.their.utf8
        case "They": out += forms.they.capitalizedWord.utf8
        case "Them": out += forms.them.capitalizedWord.utf8
        case "Their": out += forms.their.capitalizedWord.utf8
        case "topic":
          if let topic { out += topic.utf8 } else if let bar { out += slot[(bar + 1)...] } else { out += "this".utf8 }
        default: out += bytes[position...close]
        }
        position = close + 1
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// A stage with its slots filled. The `Say:` line of guidance for the client is said to the
  /// client ("your drinking"); for the clinician's own side it is said to oneself ("her drinking").
  public func fill(_ stage: Guidance.Stage, of kind: Intent.Kind) -> Guidance.Stage {
    Guidance.Stage(name: stage.name, action: fill(stage.action), why: stage.why, say: fill(stage.say, spoken: kind != .self))
  }
}
