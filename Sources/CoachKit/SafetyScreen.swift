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

  /// The compiled rules, in packed columns: what a snapshot holds and reads where it lies, so
  /// the shipped screen costs nothing at start-up. Runs are laid end to end (`...Ends[i]` is
  /// where run `i` ends); word numbers are positions in `words`, sorted within a run.
  struct Layout: Sendable, Equatable {
    /// Every word a rule names, numbered once.
    var words: StringTable
    var concerns: [String]
    var prefixes: [String]
    /// Per rule: its concern (a position in `concerns`), and the ends of its slots, of the
    /// words that cancel it just before (`before`) and just after (`after`).
    var ruleConcern: Packed<Int32>
    var ruleSlotEnds: Packed<Int32>
    var ruleBeforeEnds: Packed<Int32>
    var ruleAfterEnds: Packed<Int32>
    var before: Packed<Int32>
    var after: Packed<Int32>
    /// Per slot: the ends of its words and prefixes, and how many words may stand before it
    /// (bit 16 set when the slot is optional).
    var slotWordEnds: Packed<Int32>
    var slotPrefixEnds: Packed<Int32>
    var slotGaps: Packed<Int32>
    var slotWords: Packed<Int32>
    /// Positions in `prefixes`.
    var slotPrefixes: Packed<Int32>
    /// Per word: the ends of the rules whose first slot takes it.
    var firstRuleEnds: Packed<Int32>
    var firstRules: Packed<Int32>
    /// Per prefix: the ends of the rules whose first slot takes it.
    var prefixRuleEnds: Packed<Int32>
    var prefixRules: Packed<Int32>

    var ruleCount: Int { ruleConcern.count }

    /// Whether the columns fit one another, so that every run and number read from them stays
    /// within them (a snapshot's are checked before use).
    var isWhole: Bool {
      ruleSlotEnds.count == ruleCount && ruleBeforeEnds.count == ruleCount && ruleAfterEnds.count == ruleCount
        && slotPrefixEnds.count == slotWordEnds.count && slotGaps.count == slotWordEnds.count
        && firstRuleEnds.count == words.count && prefixRuleEnds.count == prefixes.count
    }
  }

  let layout: Layout

  /// A screen of rules compiled earlier (a snapshot's), or nil if their columns do not fit.
  init?(layout: Layout) {
    guard layout.isWhole else { return nil }
    self.layout = layout
  }

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
    var compiler = Compiler()
    for pattern in patterns { compiler.compile(pattern) }
    self.init(layout: compiler.layout())!
  }

  /// Reads patterns byte by byte into the layout's columns, each word numbered once as it is
  /// met: no string is made for a word.
  struct Compiler {
    var words = StringTable.Builder()
    var concerns: [String] = []
    var prefixes: [String] = []
    var ruleConcern: [Int32] = []
    var ruleSlotEnds: [Int32] = []
    var ruleBeforeEnds: [Int32] = []
    var ruleAfterEnds: [Int32] = []
    var before: [Int32] = []
    var after: [Int32] = []
    var slotWordEnds: [Int32] = []
    var slotPrefixEnds: [Int32] = []
    var slotGaps: [Int32] = []
    var slotWords: [Int32] = []
    var slotPrefixes: [Int32] = []

    mutating func compile(_ pattern: String) {
      var pattern = pattern
      pattern.withUTF8 { all in
        let space = UInt8(ascii: " ")
        let bar = UInt8(ascii: "|")
        let colon = all.firstIndex(of: UInt8(ascii: ":")) ?? all.count
        let concern = SafetyScreen.fields(all, 0..<colon, by: space).map { String(decoding: all[$0], as: UTF8.self) }.joined(separator: " ")
        if let known = concerns.firstIndex(of: concern) {
          ruleConcern.append(Int32(known))
        } else {
          ruleConcern.append(Int32(concerns.count))
          concerns.append(concern)
        }
        var gap = 0
        var beforeWords: [Int32] = []
        var afterWords: [Int32] = []
        for piece in SafetyScreen.fields(all, min(colon + 1, all.count)..<all.count, by: space) {
          let text = all[piece]
          if text.starts(with: "!before=".utf8) {
            beforeWords = numbers(SafetyScreen.fields(all, piece.lowerBound + 8..<piece.upperBound, by: bar), in: all)
          } else if text.starts(with: "!after=".utf8) {
            afterWords = numbers(SafetyScreen.fields(all, piece.lowerBound + 7..<piece.upperBound, by: bar), in: all)
          } else if text.first == UInt8(ascii: "~") {
            let digits = text.dropFirst()
            let isNumber = !digits.isEmpty && digits.count < 5 && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            gap = isNumber ? digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } : 2
          } else {
            var run = piece
            let optional = text.last == UInt8(ascii: "?")
            if optional { run = run.lowerBound..<run.upperBound - 1 }
            var exact: [Range<Int>] = []
            for alternative in SafetyScreen.fields(all, run, by: bar) {
              if all[alternative.upperBound - 1] == UInt8(ascii: "*") {
                let prefix = String(decoding: all[alternative.lowerBound..<alternative.upperBound - 1], as: UTF8.self)
                if let known = prefixes.firstIndex(of: prefix) {
                  slotPrefixes.append(Int32(known))
                } else {
                  slotPrefixes.append(Int32(prefixes.count))
                  prefixes.append(prefix)
                }
              } else {
                exact.append(alternative)
              }
            }
            slotWords += numbers(exact, in: all)
            slotWordEnds.append(Int32(slotWords.count))
            slotPrefixEnds.append(Int32(slotPrefixes.count))
            slotGaps.append(Int32(min(gap, 0xFFFF)) | (optional ? 0x10000 : 0))
            gap = 0
          }
        }
        ruleSlotEnds.append(Int32(slotWordEnds.count))
        before += beforeWords
        ruleBeforeEnds.append(Int32(before.count))
        after += afterWords
        ruleAfterEnds.append(Int32(after.count))
      }
    }

    /// The numbers of words, sorted, each once.
    private mutating func numbers(_ runs: [Range<Int>], in all: UnsafeBufferPointer<UInt8>) -> [Int32] {
      var found = runs.map { words.intern(UnsafeBufferPointer(rebasing: all[$0])) }
      found.sort()
      var kept: [Int32] = []
      for number in found where kept.last != number { kept.append(number) }
      return kept
    }

    /// The columns, with the rules each word and each prefix can start.
    func layout() -> Layout {
      let words = words.table()
      /// Per word (or prefix), the rules whose first slot takes it, laid end to end: `ends` and
      /// `values` are the slots' runs of word (or prefix) numbers.
      func rulesStarting(count: Int, ends: [Int32], values: [Int32]) -> (ends: Packed<Int32>, values: Packed<Int32>) {
        var starting = [[Int32]](repeating: [], count: count)
        var slotStart = 0
        for (rule, slotEnd) in ruleSlotEnds.enumerated() {
          if slotStart < Int(slotEnd) {
            let start = slotStart == 0 ? 0 : Int(ends[slotStart - 1])
            for value in values[start..<Int(ends[slotStart])] { starting[Int(value)].append(Int32(rule)) }
          }
          slotStart = Int(slotEnd)
        }
        var runEnds: [Int32] = []
        var runs: [Int32] = []
        for run in starting {
          runs += run
          runEnds.append(Int32(runs.count))
        }
        return (Packed(runEnds), Packed(runs))
      }
      let first = rulesStarting(count: words.count, ends: slotWordEnds, values: slotWords)
      let byPrefix = rulesStarting(count: prefixes.count, ends: slotPrefixEnds, values: slotPrefixes)
      return Layout(
        words: words, concerns: concerns, prefixes: prefixes, ruleConcern: Packed(ruleConcern), ruleSlotEnds: Packed(ruleSlotEnds),
        ruleBeforeEnds: Packed(ruleBeforeEnds), ruleAfterEnds: Packed(ruleAfterEnds), before: Packed(before), after: Packed(after),
        slotWordEnds: Packed(slotWordEnds), slotPrefixEnds: Packed(slotPrefixEnds), slotGaps: Packed(slotGaps),
        slotWords: Packed(slotWords), slotPrefixes: Packed(slotPrefixes), firstRuleEnds: first.ends, firstRules: first.values,
        prefixRuleEnds: byPrefix.ends, prefixRules: byPrefix.values)
    }
  }

  /// The non-empty runs of `bytes[range]` between a separator.
  static func fields(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, by separator: UInt8) -> [Range<Int>] {
    var found: [Range<Int>] = []
    var start = range.lowerBound
    for index in range where bytes[index] == separator {
      if start < index { found.append(start..<index) }
      start = index + 1
    }
    if start < range.upperBound { found.append(start..<range.upperBound) }
    return found
  }

  /// Whether a sorted run of packed numbers holds a number (a binary search).
  static func contains(_ values: Packed<Int32>, _ run: Range<Int>, _ value: Int32) -> Bool {
    var low = run.lowerBound
    var high = run.upperBound
    while low < high {
      let middle = (low + high) / 2
      if values[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low < run.upperBound && values[low] == value
  }

  /// Whether a slot takes a word, given with its number (nil if no rule names it).
  private func slot(_ slot: Int, takes id: Int32?, _ word: String) -> Bool {
    if let id, Self.contains(layout.slotWords, layout.slotWordEnds.run(slot, within: layout.slotWords.count), id) { return true }
    for position in layout.slotPrefixEnds.run(slot, within: layout.slotPrefixes.count) {
      let prefix = Int(layout.slotPrefixes[position])
      if prefix >= 0, prefix < layout.prefixes.count, word.hasPrefix(layout.prefixes[prefix]) { return true }
    }
    return false
  }

  /// The rules that can start at a word, in order: most words start none.
  private func rules(startingAt id: Int32?, _ word: String) -> [Int] {
    var found: [Int] = []
    if let id {
      for position in layout.firstRuleEnds.run(Int(id), within: layout.firstRules.count) {
        let rule = Int(layout.firstRules[position])
        if rule >= 0, rule < layout.ruleCount { found.append(rule) }
      }
    }
    // Few rules start with a prefix ("suicid*"): each is tried when its first byte is the word's.
    let initial = word.utf8.first
    for prefix in layout.prefixes.indices where layout.prefixes[prefix].utf8.first == initial && word.hasPrefix(layout.prefixes[prefix]) {
      for position in layout.prefixRuleEnds.run(prefix, within: layout.prefixRules.count) {
        let rule = Int(layout.prefixRules[position])
        if rule >= 0, rule < layout.ruleCount { found.append(rule) }
      }
    }
    return found.count > 1 ? found.sorted() : found
  }

  /// The risk cues in a text, or none.
  public func screen(_ text: String) -> [Cue] {
    screen(TextAnalyzer.analyze(text))
  }

  /// The risk cues in analysed tokens, or none.
  public func screen(_ tokens: [Token]) -> [Cue] { scan(tokens).cues }

  /// What the screen found: the cues, and the spans of tokens where a cue was denied ("denies
  /// SI", "no self-harm"), which say nothing about resistance either.
  public struct Scan: Sendable {
    /// The risk cues.
    public var cues: [Cue] = []
    /// Token ranges of denied cues, from the denying word to the cue's end.
    public var denied: [Range<Int>] = []
  }

  /// Scans analysed tokens for cues and denied cues.
  public func scan(_ tokens: [Token]) -> Scan {
    var result = Scan()
    let words = tokens.map { Self.canonical($0.word) }
    let ids = words.map { layout.words.index(of: $0).map(Int32.init) }
    func isOne(of list: Packed<Int32>, _ run: Range<Int>, _ position: Int) -> Bool { ids[position].map { Self.contains(list, run, $0) } ?? false }
    var done: [Int] = []
    for start in words.indices {
      let candidates = rules(startingAt: ids[start], words[start])
      if candidates.isEmpty { continue }
      for index in candidates where !done.contains(index) {
        guard let end = match(layout.ruleSlotEnds.run(index, within: layout.slotWordEnds.count), in: words, ids: ids, from: start) else { continue }
        let before = layout.ruleBeforeEnds.run(index, within: layout.before.count)
        if start > 0, isOne(of: layout.before, before, start - 1) { continue }
        if start > 1, isOne(of: layout.before, before, start - 2) { continue }
        if end < words.count, isOne(of: layout.after, layout.ruleAfterEnds.run(index, within: layout.after.count), end) { continue }
        if let denier = denier(before: start, tokens: tokens, words: words) {
          result.denied.append(denier..<end)
          continue
        }
        let concern = Int(layout.ruleConcern[index])
        let cue = Cue(words: words[start..<end].joined(separator: " "), concern: concern >= 0 && concern < layout.concerns.count ? layout.concerns[concern] : "risk")
        if !result.cues.contains(cue) { result.cues.append(cue) }
        done.append(index)
      }
    }
    return result
  }

  /// Matches slots from `start`; returns the index after the match.
  private func match(_ slots: Range<Int>, in words: [String], ids: [Int32?], from start: Int) -> Int? {
    func step(_ slot: Int, _ position: Int, _ first: Bool) -> Int? {
      if slot == slots.upperBound { return position }
      let gap = Int(layout.slotGaps[slot])
      let optional = gap & 0x10000 != 0
      let reach = first ? 0 : gap & 0xFFFF
      var index = position
      while index < words.count, index <= position + reach {
        if self.slot(slot, takes: ids[index], words[index]), let end = step(slot + 1, index + 1, false) { return end }
        index += 1
      }
      if optional { return step(slot + 1, position, first) }
      return nil
    }
    guard let first = slots.first, slot(first, takes: ids[start], words[start]) || Int(layout.slotGaps[first]) & 0x10000 != 0 else { return nil }
    return step(first, start, true)
  }

  /// Whether a denial stands before the cue in its clause ("no suicidal thoughts").
  /// The index of a denial that stands before the cue in its clause ("no suicidal thoughts").
  private func denier(before start: Int, tokens: [Token], words: [String]) -> Int? {
    var index = start - 1
    var looked = 0
    var contentWords = 0
    while index >= 0, looked < 5, tokens[index].clause == tokens[start].clause {
      let word = words[index]
      // "denies", "no" and "without" reach over a few words ("denies any self harm", "no
      // thoughts of suicide"); "not" and "never" only over fillers ("not a danger", "not
      // suicidal"), since "doesn't see the point in living" is a risk, not a denial.
      if Self.deniers.contains(word) {
        if !Self.weakDeniers.contains(word) || contentWords == 0 { return index }
      }
      if ["but", "though", "although", "yet", "however"].contains(word) { return nil }
      if !Self.fillers.contains(word) { contentWords += 1 }
      index -= 1
      looked += 1
    }
    return nil
  }

  static let weakDeniers: Set<String> = ["not", "never", "nor", "neither"]
  static let fillers: Set<String> = [
    "a", "an", "the", "any", "really", "at", "all", "currently", "actively", "been", "be", "is", "was", "are", "feeling",
    "feel", "feels", "seem", "seems", "seemed", "considered", "deemed", "acutely", "presently",
  ]

  /// Folds frequent misspellings of the words that matter most onto them.
  static func canonical(_ word: String) -> String {
    guard word.utf8.first == UInt8(ascii: "s"), word.utf8.count >= 5 else { return word }
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
    "him|her|them|me|you|someone|somebody|anyone|everyone|everybody|people|his|my|their|your|staff|coworker*|colleague*|boss|wife|husband|partner|kids|children|son|daughter|mom|dad|mother|father|teacher|neighbor|neighbour|girlfriend|boyfriend|ex|baby|family|us|cops|police"
  static let selfWords = "myself|himself|herself|themselves|themself|yourself|self"
  static let child = "kid|kids|child|children|baby|babies|toddler|infant|son|daughter|newborn|grandkids|students|student"

  static let standardPatterns: [String] = [
    // Suicide and wanting to die.
    "suicide: suicid*",
    "suicide: si !before=the|a|si",
    "suicide: kill* \(selfWords)",
    "suicide: end|ends|ended|ending|take|takes|took|taking my|his|her|their|your ~1 own? life|lives",
    "suicide: end|ends|ending it !after=with",
    "suicide: end|ends|ending it all",
    "suicide: want|wants|wanted|wanting|wish|wishes|wished|rather|hope|hopes|hoping|ready|prefer ~3 die|dead|death",
    "suicide: better off dead",
    "suicide: better off without me|him|her|them|us",
    "suicide: better off if ~3 not|gone|dead|wasnt",
    "suicide: no|any|without reason|point ~2 live|living|alive|existing|exist|life|on",
    "suicide: reason|point ~2 live|living|alive|existing|exist|life",
    "suicide: reason|point ~2 go|going on",
    "suicide: not|never wake|waking|wakes up",
    "suicide: not ~1 want|wanting|wants ~1 to live|exist",
    "suicide: not ~2 want|wanting|wants to be alive",
    "suicide: not ~2 want|wanting|wants to be here|around anymore",
    "suicide: not be alive",
    "suicide: not be around",
    "suicide: not be here ~3 anymore|much|long",
    "suicide: never been born",
    "suicide: disappear forever",
    "suicide: care|cares if ~1 live|lives|die|dies",
    "suicide: notice|care|miss ~4 if ~2 gone|died|dead|disappeared",
    "suicide: think*|thought* about|of death|dying|dead",
    "suicide: hang|hanging|hanged|hung \(selfWords)",
    "suicide: noose|rope",
    "suicide: jump|jumping|jumped off ~3 bridge|roof|building|cliff|balcony|overpass",
    "suicide: jump|jumping|jumped in front",
    "suicide: overdos*|od|lethal",
    "suicide: took|take|taking|swallowed|swallow ~3 bunch|handful|bottle|all ~2 pills|meds|tablets",
    "suicide: how many|much ~3 pills|tylenol|tablets|advil|ibuprofen|paracetamol|acetaminophen|aspirin|sleeping|meds",
    "suicide: stockpil*|hoard*",
    "suicide: saving|stashing|collecting ~2 pills|meds|medication|tablets",
    "suicide: pills|meds|medication|tablets ~2 saved|stashed|hidden|hoarded|stockpiled",
    "suicide: goodbye|suicide ~1 note|letter|letters|notes",
    "suicide: letters|notes to ~1 everyone|everybody|family|kids",
    "suicide: goodbye|farewell ~4 everything|everyone|forever|good",
    "suicide: giving|gave|give|gives away ~2 belongings|possessions|stuff|things|pets",
    "suicide: plan|plans and ~1 the? means",
    "suicide: access to ~2 gun|guns|pills|firearm|firearms|weapon|weapons",
    "suicide: wrist|wrists",
    "suicide: not worth living",
    "suicide: crash*|drive|driving|drove ~6 purpose|deliberately|intentionally",
    "suicide: drive|driving|drove|crash*|steer* ~3 off|into ~2 bridge|wall|tree|cliff|traffic|river",
    "suicide: engine running",
    "suicide: step|stepping|walk|walking ~1 in front of",
    "suicide: sleep|sleeping forever",
    // Self-harm.
    "self-harm: self harm*|injur*|mutilat*",
    "self-harm: selfharm*|nssi",
    "self-harm: hurt*|harm*|burn*|burning|cut|cuts|cutting|scratch*|hit*|punch*|starv* \(selfWords)",
    "self-harm: cutting|cut|cuts ~1 again|arms|legs|thighs|wrists|skin|stomach",
    "self-harm: cutting !after=me|off|him|her|them|us|class|classes|school|corners|back|down|in|out|ties|it|the|edge|costs|hair|remarks|session|sessions|short|through|everyone|people|across|into",
    "self-harm: razor*|blade|blades",
    "self-harm: scars|cuts|burns on ~1 her|his|their|my arms|legs|wrists|thighs",
    // Harm to others.
    "harm to others: kill|kills|killing|killed|murder|murdering|shoot|shooting|stab|stabbing|strangle \(person) !before=is|are|was|were|job|work|commute|this|that|it !after=time|mood|vibe|conversation|it|for",
    "harm to others: murder*|homicid*|massacre|slaughter",
    "harm to others: shoot|shooting up",
    "harm to others: gun|guns|firearm|firearms|weapon|weapons|rifle|rifles|pistol|shotgun|handgun|ammo|ammunition|bomb|explosives",
    "harm to others: knife|knives|machete|bat ~3 threat*|pull*|brought|bring*|carry*|wave*|waving|came",
    "harm to others: threat*|pulled|pull*|bring*|brought|carry*|carries|waved|waving ~3 knife|knives|machete",
    "harm to others: threat*|promis*|swore|swear*|going|gonna|would|will|want*|wanna ~2 to? kill|shoot|stab|strangle|choke|murder !after=for|time|myself|himself|herself|themselves|themself|yourself|self",
    "harm to others: threat*|promis*|swore|swear* ~2 to? hurt|harm|beat|attack|burn",
    "harm to others: threaten|threatens|threatened|threatening \(person) !after=with",
    "harm to others: hurt|harm|attack|beat|strangle|choke|burn|kill ~1 \(person) !after=feelings|feeling|pride|chances|career|case|business|reputation|time|mood|back|off|for",
    "harm to others: someone|somebody|people|anyone|everyone|you ~2 get|gets|getting|going|gonna|will|would ~2 hurt|killed|shot|stabbed",
    "harm to others: death threat|threats",
    "harm to others: threat* of violence|harm",
    "harm to others: going postal",
    "harm to others: danger|dangerous|threat ~1 to \(selfWords)|others|anyone|someone|people|\(person)",
    "harm to others: violent|violence !before=non|no|domestic",
    "harm to others: drunk|drinking|high|intoxicated|wasted ~4 kids|children|baby|son|daughter ~3 car",
    "harm to others: drove|drives|driving|drive ~3 drunk|high|intoxicated|wasted ~4 kids|children|baby|son|daughter",
    // Abuse, neglect, danger at home.
    "abuse: abuse|abused|abusing|abuses|molest*|rape|raped|raping|rapes|incest|groom|grooming|groomed !before=substance|drug|drugs|alcohol|opioid|opiate|opioids|cocaine|meth|heroin|cannabis|marijuana|weed|prescription|verbally|emotionally|power|of|self",
    "abuse: sexual* assault*",
    "abuse: assault|assaulted|assaulting|assaults !before=verbally",
    "abuse: touch|touches|touched|touching|fondl*|grope|gropes|groped|groping ~2 him|her|me|them|privates|private|inappropriat*|\(child) !after=on|base|upon|shoulder|arm|arms|hand|hands|back|knee|face|head",
    "abuse: inappropriat* ~1 touch*|sexual|contact|pictures|photos",
    "abuse: hit|hits|hitting|slap*|punch*|kick|kicks|kicked|kicking|beat|beating|choked|chokes|choking|strangled|shoved|shoves|whip*|smack*|spank* ~2 her|him|me|them|mom|dad|kids|children|baby|wife|husband|girlfriend|boyfriend|partner|son|daughter|\(child) !after=wall|roadblock|snag|nerve|button|buttons|limit|back|up|off|head",
    "abuse: beats ~2 her|him|them|kids|children|baby|wife|husband|girlfriend|boyfriend|partner|son|daughter",
    "abuse: shaking|shook|shakes|shake the|a|her|his ~1 baby|infant|toddler|child|kid|newborn",
    "abuse: bruise|bruises|bruised|bruising|welts|welt",
    "abuse: black eye|eyes",
    "abuse: burn marks",
    "abuse: marks|scratches on ~1 her|his|their|my neck|arms|face|body|legs|back",
    "abuse: squeez*|grab*|grip* ~2 neck|throat",
    "abuse: neglect* ~3 \(child)|grandmother|grandfather|mother|father|parent|parents|elderly",
    "abuse: left|leaves|leaving|leave ~4 \(child)|grandma|grandpa|grandmother|grandfather ~3 alone|unsupervised",
    "abuse: home alone",
    "abuse: alone for ~2 days|week|weeks|nights|hours",
    "abuse: no|without food",
    "abuse: not ~1 fed|feed|feeding|eaten",
    "abuse: starv* ~1 \(child)|him|her|them",
    "abuse: soiled",
    "abuse: lock|locks|locked|locking ~2 her|him|them|me|kids|children ~3 in|out|room|apartment|house|closet|basement|car",
    "abuse: takes|took|steals|stole|stealing|taking|controls ~2 her|his|their ~1 pension|benefits|savings|check|checks",
    "abuse: forced|forces|forcing|force|makes|made ~2 to sign|sex|strip",
    "abuse: makes|made|forces|forced|has ~2 sleep|sleeping in his|her|their ~1 bed",
    "abuse: afraid|scared|terrified|frightened ~2 go|going home",
    "abuse: afraid|scared|terrified|frightened ~1 of ~2 husband|wife|partner|boyfriend|girlfriend|dad|father|mom|mother|stepdad|stepfather|stepmom|uncle|brother|parents|aide|caregiver|carer|son|daughter",
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
    "crisis: safety plan|planning",
    "crisis: lethal means",
  ]
}
