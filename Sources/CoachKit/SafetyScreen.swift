/// Finds risk in a description before anything else is matched: suicide, self-harm, harm to
/// others, abuse or neglect, danger at home, acute crisis.
///
/// The cues are a reviewed list in code, not knowledge data: a user's knowledge folder can add
/// intents but cannot switch the safety screen off. A cue inside a negation ("no suicidal
/// thoughts", "denies SI") does not count; any other cue in the same text still does.
public struct SafetyScreen: Sendable {
  /// One cue found in the text.
  public struct Cue: Sendable, Equatable {
    /// The words of the text that matched.
    public var words: String
    /// What the cue is about (`suicide`, `self-harm`, `harm to others`, `abuse`, `crisis`).
    public var concern: String
  }

  struct Slot {
    var words: [String]
    var prefixes: [String]
    var optional: Bool
    /// How many words may stand between this slot and the one before it.
    var gap: Int

    func matches(_ word: String) -> Bool {
      words.contains(word) || prefixes.contains { word.hasPrefix($0) }
    }
  }

  struct Rule {
    var concern: String
    var slots: [Slot]
    /// Words that, standing just before the match, make it something else ("substance abuse").
    var unlessBefore: Set<String>
    /// Words that, standing just after the match, make it something else ("hit a wall").
    var unlessAfter: Set<String>
  }

  private let rules: [Rule]

  /// Words that deny what follows them, within the clause.
  static let deniers: Set<String> = [
    "not", "no", "never", "denies", "deny", "denied", "denying", "without", "nor", "neither", "negative",
  ]

  /// The shipped screen.
  public static let standard = SafetyScreen(patterns: standardPatterns)

  /// Builds a screen from patterns: `concern: slot slot ...`, where a slot is words separated by
  /// `|`, a word ending in `*` matches any word that starts with it, a slot ending in `?` is
  /// optional, `~N` lets up to N words stand before the next slot, `!before=w|w` and
  /// `!after=w|w` name words that cancel the match.
  init(patterns: [String]) {
    rules = patterns.map(Self.compile)
  }

  static func compile(_ pattern: String) -> Rule {
    let parts = pattern.split(separator: ":", maxSplits: 1)
    let concern = String(parts[0]).trimmingCharacters(in: .whitespaces)
    var slots: [Slot] = []
    var gap = 0
    var before: Set<String> = []
    var after: Set<String> = []
    for piece in parts[1].split(separator: " ") {
      if piece.hasPrefix("!before=") {
        before = Set(piece.dropFirst(8).split(separator: "|").map(String.init))
      } else if piece.hasPrefix("!after=") {
        after = Set(piece.dropFirst(7).split(separator: "|").map(String.init))
      } else if piece.hasPrefix("~") {
        gap = Int(piece.dropFirst()) ?? 2
      } else {
        var text = Substring(piece)
        let optional = text.hasSuffix("?")
        if optional { text = text.dropLast() }
        var words: [String] = []
        var prefixes: [String] = []
        for alternative in text.split(separator: "|") {
          if alternative.hasSuffix("*") { prefixes.append(String(alternative.dropLast())) } else { words.append(String(alternative)) }
        }
        slots.append(Slot(words: words, prefixes: prefixes, optional: optional, gap: gap))
        gap = 0
      }
    }
    return Rule(concern: concern, slots: slots, unlessBefore: before, unlessAfter: after)
  }

  /// The risk cues in a text, or none.
  public func screen(_ text: String) -> [Cue] {
    screen(TextAnalyzer.analyze(text))
  }

  /// The risk cues in analysed tokens, or none.
  public func screen(_ tokens: [Token]) -> [Cue] {
    let words = tokens.map { Self.canonical($0.word) }
    var found: [Cue] = []
    for rule in rules {
      for start in words.indices {
        guard let end = match(rule.slots, in: words, from: start) else { continue }
        if start > 0, rule.unlessBefore.contains(words[start - 1]) { continue }
        if start > 1, rule.unlessBefore.contains(words[start - 2]) { continue }
        if end < words.count, rule.unlessAfter.contains(words[end]) { continue }
        if end + 1 < words.count, rule.unlessAfter.contains(words[end + 1]) { continue }
        if isDenied(start, tokens: tokens, words: words) { continue }
        let cue = Cue(words: words[start..<end].joined(separator: " "), concern: rule.concern)
        if !found.contains(cue) { found.append(cue) }
        break
      }
    }
    return found
  }

  /// Matches slots from `start`; returns the index after the match.
  private func match(_ slots: [Slot], in words: [String], from start: Int) -> Int? {
    func step(_ slot: Int, _ position: Int, _ first: Bool) -> Int? {
      if slot == slots.count { return position }
      let current = slots[slot]
      let reach = first ? 0 : current.gap
      var index = position
      while index < words.count, index <= position + reach {
        if current.matches(words[index]), let end = step(slot + 1, index + 1, false) { return end }
        index += 1
      }
      if current.optional { return step(slot + 1, position, first) }
      return nil
    }
    guard let first = slots.first, first.matches(words[start]) || first.optional else { return nil }
    return step(0, start, true)
  }

  /// Whether a denial stands before the cue in its clause ("no suicidal thoughts").
  private func isDenied(_ start: Int, tokens: [Token], words: [String]) -> Bool {
    var index = start - 1
    var seen = 0
    while index >= 0, seen < 4, tokens[index].clause == tokens[start].clause {
      if Self.deniers.contains(words[index]) { return true }
      if ["but", "though", "although", "yet", "however"].contains(words[index]) { return false }
      index -= 1
      seen += 1
    }
    return false
  }

  /// Folds frequent misspellings of the words that matter most onto them.
  static func canonical(_ word: String) -> String {
    guard word.count >= 5, word.first == "s" else { return word }
    for target in ["suicide", "suicidal"] where word != target && EditDistance.within(1, word, target) {
      return target
    }
    if word.hasPrefix("su") && word.count >= 6
      && (EditDistance.within(2, word, "suicidal") || EditDistance.within(2, word, "suicide"))
    {
      return "suicidal"
    }
    return word
  }

  static let person =
    "him|her|them|me|you|someone|somebody|anyone|everyone|everybody|people|his|my|their|your|the|a|staff|coworker*|boss|wife|husband|partner|kids|children|son|daughter|mom|dad|mother|father|teacher|neighbor|neighbour"
  static let selfWords = "myself|himself|herself|themselves|themself|yourself|self"

  static let standardPatterns: [String] = [
    // Suicide and wanting to die.
    "suicide: suicid*",
    "suicide: si !before=the|a|si",
    "suicide: kill* \(selfWords)",
    "suicide: end* my|his|her|their|your|it ~1 life|lives|all",
    "suicide: take|takes|taking|took my|his|her|their|your own life",
    "suicide: want|wants|wanted|wanting|wish|wishes|wished|rather|hope|hopes|hoping|ready|prefer ~3 die|dead|death",
    "suicide: better off dead",
    "suicide: better off without me|him|her|them|us",
    "suicide: no|any reason|point ~1 live|living|alive|go|going|on ~1 living|on",
    "suicide: not|never wake|waking|wakes up",
    "suicide: not ~1 want|wanting|wants ~1 to live|exist|alive",
    "suicide: not ~1 want|wanting|wants to be ~1 alive|around|here ~2 anymore|alive",
    "suicide: never been born",
    "suicide: disappear forever",
    "suicide: end ~2 my|his|her|their life",
    "suicide: care|cares if ~1 live|lives|die|dies",
    "suicide: think*|thought* about|of death|dying|ending",
    "suicide: hang|hanging|hanged|hung \(selfWords)",
    "suicide: noose",
    "suicide: jump|jumping|jumped off ~3 bridge|roof|building|cliff|balcony",
    "suicide: jump|jumping|jumped in front",
    "suicide: overdos*|od",
    "suicide: took|take|taking|swallowed|swallow ~3 bunch|handful|bottle|all ~2 pills|meds|tablets",
    "suicide: stockpil*|hoard*|saving|stashing ~2 pills|meds|medication",
    "suicide: goodbye|suicide ~1 note|letter|letters|notes",
    "suicide: giving|gave|give|gives away ~2 belongings|possessions|stuff|things|pets",
    "suicide: plan|plans|planning to die|end",
    "suicide: wrist|wrists",
    "suicide: life ~1 not worth living",
    "suicide: no ~1 point ~2 anymore !after=therapy|coming|this|trying|treatment|sessions",
    // Self-harm.
    "self-harm: self ~1 harm*|injur*|mutilat*",
    "self-harm: selfharm*|nssi",
    "self-harm: hurt*|harm*|burn*|burning|cut|cuts|cutting|scratch*|hit* \(selfWords)",
    "self-harm: cutting|cut|cuts ~1 again|arms|legs|thighs|wrists|skin",
    "self-harm: been|started|stop|stopped|still cutting|burning",
    "self-harm: razor*|blade|blades",
    "self-harm: scars|cuts on ~1 her|his|their|my arms|legs|wrists",
    // Harm to others.
    "harm to others: kill* \(person) !after=time|mood|vibe|conversation|it",
    "harm to others: murder*|homicid*|massacre",
    "harm to others: shoot*|stab* \(person)|up",
    "harm to others: gun|guns|firearm|firearms|weapon|weapons|rifle|pistol|shotgun|handgun|ammo|ammunition",
    "harm to others: knife|knives|machete ~3 threat*|pull*|brought|bring*|carry*|wave*|waving",
    "harm to others: threat*|pulled|bring*|brought|carry*|waved ~3 knife|knives|machete",
    "harm to others: threat*|promis*|swore|swear*|going ~2 to ~1 kill|hurt|harm|shoot|stab|attack|beat|strangle|choke|burn",
    "harm to others: hurt|harm|attack|beat|strangle|choke|burn|kill ~1 \(person) !after=feelings|feeling|pride|chances|career|case|business|reputation|time|mood",
    "harm to others: death threat*|threat* of violence|make ~1 pay|going postal|shoot up",
    "harm to others: danger ~1 to \(selfWords)|others|anyone|someone|people|\(person)",
    "harm to others: violent|violence !before=non|no",
    // Abuse, neglect, danger at home.
    "abuse: abuse|abused|abusing|abuses|molest*|rape|raped|raping|incest|groom* !before=substance|drug|drugs|alcohol|opioid|opiate|opioids|cocaine|meth|heroin|cannabis|marijuana|weed|prescription|verbally|emotionally|power|of",
    "abuse: sexual* assault*|assault*|touch* ~3 inappropriat*|private",
    "abuse: inappropriat* ~1 touch*",
    "abuse: hit|hits|hitting|slap*|punch*|kick*|kicks|beat|beats|beating|choked|chokes|choking|strangled|shoved|shoves|pushes|pushed|burned|burns|whip*|belt ~2 her|him|me|them|the|his|my|their|mom|dad|kids|children|baby|wife|husband|girlfriend|boyfriend|partner|son|daughter !after=wall|roadblock|snag|nerve|button|buttons|limit|home|back|the",
    "abuse: bruise*|black eye|burn marks|welts",
    "abuse: neglect* ~3 kids|children|child|baby|son|daughter|toddler|infant|grandmother|grandfather|mother|father|parent|parents|elderly",
    "abuse: left|leaves|leaving ~3 kids|children|child|baby|toddler|infant ~3 alone|unsupervised",
    "abuse: no|not ~1 food ~2 house|home|kids|children|days",
    "abuse: afraid|scared|terrified|frightened ~2 go|going home",
    "abuse: afraid|scared|terrified|frightened of ~2 husband|wife|partner|boyfriend|girlfriend|dad|father|mom|mother|stepdad|stepfather|stepmom|uncle|brother|parents",
    "abuse: not|unsafe|danger ~2 safe ~2 home|house",
    "abuse: unsafe|danger|dangerous ~2 at ~1 home",
    "abuse: domestic ~1 violence|abuse|dv !after=charge|charges|conviction|class|classes|program|course|group|offender|offense|offence",
    "abuse: elder|child ~1 abuse|neglect|maltreatment",
    "abuse: trafficked|trafficking|exploited|exploiting",
    // Acute crisis.
    "crisis: psychosis|psychotic|hallucinat*|delusion*",
    "crisis: hearing|hears|heard voices",
    "crisis: voices telling|tell|told",
    "crisis: not|unable ~2 keep ~1 \(selfWords)|safe",
    "crisis: in ~1 crisis !before=midlife|mid|life|financial|identity|existential",
    "crisis: safety plan|safety planning|lethal means|means restriction",
  ]
}
