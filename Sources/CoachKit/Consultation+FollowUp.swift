
/// Lines that continue the consult rather than start it afresh: "what next?", "why?", an
/// answer to the coach's question, "what if she gets angry?".
extension Consultation {
  /// Follow-ups that continue to the next stage of the guidance under discussion.
  static let nextPhrases: Set<String> = [
    "next", "what next", "and then", "then what", "what now", "now what", "go on", "continue", "keep going", "and next",
    "what do i say", "what should i say", "what do i say then", "what do i say next", "what do i do next",
    "what should i do next", "what is next", "and after that", "what after that", "okay", "okay next", "next step",
    "next stage", "and if that does not work", "what if that does not work", "if that does not work",
    "that did not work", "it did not work", "that does not work", "then what do i do", "what do i do then",
    "and if that fails", "what if that fails", "and now", "now", "then",
  ]
  /// Follow-ups that ask for the reasoning.
  static let whyPhrases: Set<String> = [
    "why", "how come", "why that", "why is that", "why this", "why that one", "why would that work",
    "why does that work", "why does this work", "why would this work", "explain", "explain that", "but why",
  ]
  /// Follow-ups that go back a stage.
  static let backPhrases: Set<String> = ["back", "go back", "previous", "previous stage", "last stage", "before that"]
  /// Answers that turn down both readings offered.
  static let neitherPhrases: Set<String> = ["neither", "none", "no", "nope", "something else", "neither of them", "none of them", "other"]
  /// How a follow-up that brings something new tends to begin.
  static let followUpOpeners: [String] = [
    "what if", "and if", "but if", "but what if", "and what if", "what about if", "what about when", "what happens if",
    "how about if", "how about when", "what do i do if", "what do i do when", "what should i do if", "suppose",
    "supposing", "if", "and", "also", "plus", "now", "then",
  ]

  /// The words of a line as a lookup key: folded, contractions expanded, letters only.
  /// The most words a follow-up phrase, a stage name or an answer to a choice has.
  static let longestFollowUp = 12

  static func key(_ line: String) -> String {
    TextAnalyzer.analyze(line).filter { !$0.word.utf8.contains(UInt8(ascii: "'")) }.map(\.word).joined(separator: " ")
  }

  /// Answers the line if it continues the consult; nil if it is a new description.
  mutating func followUp(_ line: String) -> Turn? {
    // A follow-up is a few words ("what next", "why", "the second one"); a description is
    // longer, and is not read as one.
    if choice == nil {
      guard current?.intent != nil, TextAnalyzer.analyze(line).count <= Self.longestFollowUp else { return nil }
    }
    let key = Self.key(line)
    if choice != nil {
      if let turn = resolveChoice(key) { return turn }
      if Self.neitherPhrases.contains(key) {
        choice = nil
        return Turn(text: "Then say a little more about what the client does or says, in other words.\n", followUp: "choice")
      }
      choice = nil
    }
    guard current?.intent != nil else { return nil }
    if Self.nextPhrases.contains(key) { return Turn(text: step(by: 1).text, followUp: "next") }
    if Self.backPhrases.contains(key) { return Turn(text: step(by: -1).text, followUp: "back") }
    if Self.whyPhrases.contains(key) { return Turn(text: explain().text, followUp: "why") }
    if let name = Guidance.Stage.Name(loosely: key), current?.stages.isEmpty == false {
      return Turn(text: jump(to: name.rawValue).text, followUp: "stage")
    }
    return nil
  }

  /// The reply for the option the answer picks: "1", "2", "the second", or a word of its title.
  mutating func resolveChoice(_ key: String) -> Turn? {
    guard let choice else { return nil }
    let options = choice.options
    let ordinals = [["1", "one", "first", "the first", "the first one"], ["2", "two", "second", "the second", "the second one"],
      ["3", "three", "third", "the third", "the third one"]]
    var chosen: String?
    if let number = Int(key), (1...options.count).contains(number) {
      chosen = options[number - 1]
    } else if let index = ordinals.firstIndex(where: { $0.contains(key) }), index < options.count {
      chosen = options[index]
    } else {
      let words = Set(key.split(separator: " ").map(String.init)).subtracting(TextAnalyzer.stopwords)
      let hits = options.filter { id in
        guard let intent = coach.table[id] else { return false }
        let titleWords = Set(TextAnalyzer.analyze(intent.title).map(\.word)).union(id.split(separator: "-").map(String.init))
        return !words.isDisjoint(with: titleWords)
      }
      if hits.count == 1 { chosen = hits[0] }
    }
    guard let chosen else { return nil }
    var match = choice.reply.match
    let candidates = [Match.Candidate(intent: match.intent, confidence: match.confidence)] + match.alternatives
    match.intent = chosen
    match.confidence = candidates.first { $0.intent == chosen }?.confidence ?? match.confidence
    match.alternatives = Array(candidates.filter { $0.intent != chosen }.prefix(3))
    match.ambiguous = false
    let reply = Reply(input: choice.reply.input, match: match, table: coach.table, context: context)
    self.choice = nil
    last = reply
    current = reply
    stage = nil
    return Turn(text: renderer.render(reply), reply: reply, followUp: "choice")
  }

  /// Whether a line builds on the guidance under discussion rather than starting over: it
  /// opens like a follow-up ("what if", "and"), says "also", or starts with the client's pronoun.
  static func readsAsFollowUp(_ text: String, pronoun: ClientContext.Pronoun?) -> Bool {
    let words = TextAnalyzer.analyze(text).map(\.word)
    if followUpOpenerWords.contains(where: { words.starts(with: $0) }) { return true }
    if words.contains("also") || contains(["as", "well"], in: words) || contains(["on", "top", "of", "that"], in: words) { return true }
    if let pronoun, let first = words.first, first == pronoun.rawValue { return true }
    return false
  }

  /// The openers as words, split once.
  static let followUpOpenerWords: [[String]] = followUpOpeners.map { $0.split(separator: " ").map(String.init) }

  /// Whether `phrase` stands in `words` as a run.
  static func contains(_ phrase: [String], in words: [String]) -> Bool {
    guard words.count >= phrase.count else { return false }
    return (0...(words.count - phrase.count)).contains { words[$0] == phrase[0] && words[$0..<$0 + phrase.count].elementsEqual(phrase) }
  }

  /// Settles close calls the consult can decide: a sign and a situation are one answer (the
  /// sign, framed by the situation), and the client's behaviour against the clinician's own side
  /// goes by who the line is about ("what if she gets angry?" is the client, "I get angry" is you).
  func settled(_ match: Match, in text: String) -> Match {
    guard match.ambiguous, let second = match.alternatives.first,
      let top = coach.table.kind(of: match.intent), let other = coach.table.kind(of: second.intent)
    else { return match }
    var settled = match
    if top == .sign, other == .situation, match.backdrop == nil {
      settled.backdrop = second.intent
      settled.ambiguous = false
    } else if top == .situation, other == .sign, match.backdrop == nil {
      settled = swapped(match)
      settled.backdrop = match.intent
    } else if (top == .self) != (other == .self), let aboutClient = Self.isAboutClient(text) {
      settled = aboutClient == (top == .self) ? swapped(match) : match
      settled.ambiguous = false
    }
    return settled
  }

  /// The match with its first alternative in first place.
  func swapped(_ match: Match) -> Match {
    guard let second = match.alternatives.first else { return match }
    var swapped = match
    swapped.intent = second.intent
    swapped.confidence = second.confidence
    swapped.alternatives = [Match.Candidate(intent: match.intent, confidence: match.confidence)] + match.alternatives.dropFirst()
    swapped.ambiguous = false
    return swapped
  }

  /// Whether the line's first person is the client (true), the clinician (false), or neither (nil).
  static func isAboutClient(_ text: String) -> Bool? {
    for token in TextAnalyzer.analyze(text) where !token.quoted {
      if ["i", "me", "my", "myself"].contains(token.word) { return false }
      if ["she", "he", "they", "her", "him", "them", "his", "their", "client"].contains(token.word) { return true }
    }
    return nil
  }
}
