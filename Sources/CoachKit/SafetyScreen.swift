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
    /// What the cue is about: one of ``SafetyScreen/concerns``.
    public var concern: String
    /// Whether the cue alone only makes risk possible ("feels trapped").
    public var weak: Bool = false

    /// A cue.
    public init(words: String, concern: String, weak: Bool = false) {
      self.words = words
      self.concern = concern
      self.weak = weak
    }
  }

  /// The concerns a cue can name, each with a protocol of its own in the knowledge.
  public static let concerns = [
    "suicide", "self-harm", "harm-to-others", "child-abuse", "elder-abuse", "partner-violence", "medical", "psychosis",
  ]

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
  /// The screen's words by first letter, for reading misspellings.
  let spelling = Spelling()
  /// The positions in `layout.prefixes` by a prefix's first byte, so a word tries only the
  /// prefixes it could start with (a few dozen, looked at for every word of every line).
  let prefixesByByte: [UInt8: [Int]]

  /// A screen of rules compiled earlier (a snapshot's), or nil if their columns do not fit.
  init?(layout: Layout) {
    guard layout.isWhole else { return nil }
    self.layout = layout
    var byByte: [UInt8: [Int]] = [:]
    for (index, prefix) in layout.prefixes.enumerated() {
      if let first = prefix.utf8.first { byByte[first, default: []].append(index) }
    }
    prefixesByByte = byByte
  }

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

  /// The words of a text as the screen reads them: each as typed, and the screen's words it may
  /// be a misspelling of ("kil" → "kill", "cuttign" → "cutting", "sucidal" → the prefix "suicid").
  struct Reading {
    var words: [String]
    var ids: [Int32?]
    /// Positions with possible corrections; most lines have none.
    var fixes: [Int: [String]] = [:]
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

  /// Whether a slot takes the word at a position, as typed or as one of its corrections.
  private func slot(_ slot: Int, takes position: Int, in reading: Reading) -> Bool {
    if self.slot(slot, takes: reading.ids[position], reading.words[position]) { return true }
    guard let fixes = reading.fixes[position] else { return false }
    return fixes.contains { self.slot(slot, takes: layout.words.index(of: $0).map(Int32.init), $0) }
  }

  /// The rules that can start at a word, in order: most words start none.
  private func rules(startingAt id: Int32?, _ word: String, into found: inout [Int]) {
    if let id {
      for position in layout.firstRuleEnds.run(Int(id), within: layout.firstRules.count) {
        let rule = Int(layout.firstRules[position])
        if rule >= 0, rule < layout.ruleCount { found.append(rule) }
      }
    }
    // Few rules start with a prefix ("suicid*"): each is tried when its first byte is the word's.
    guard let initial = word.utf8.first else { return }
    for prefix in prefixesByByte[initial] ?? [] where word.hasPrefix(layout.prefixes[prefix]) {
      for position in layout.prefixRuleEnds.run(prefix, within: layout.prefixRules.count) {
        let rule = Int(layout.prefixRules[position])
        if rule >= 0, rule < layout.ruleCount { found.append(rule) }
      }
    }
  }

  /// The rules that can start at a position, each once, in order.
  private func rules(startingAt position: Int, in reading: Reading) -> [Int] {
    var found: [Int] = []
    rules(startingAt: reading.ids[position], reading.words[position], into: &found)
    for fix in reading.fixes[position] ?? [] { rules(startingAt: layout.words.index(of: fix).map(Int32.init), fix, into: &found) }
    guard found.count > 1 else { return found }
    found.sort()
    var unique: [Int] = []
    for rule in found where unique.last != rule { unique.append(rule) }
    return unique
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
    /// Words read as misspellings of the screen's words, as "typed → read".
    public var corrections: [String] = []

    /// Whether a strong cue was found.
    public var hasStrongCue: Bool { cues.contains { !$0.weak } }
    /// The concerns of the cues, in the order of ``SafetyScreen/concerns``.
    public var concerns: [String] { SafetyScreen.concerns.filter { concern in cues.contains { $0.concern == concern } } }
  }

  /// The words of tokens as the screen reads them, with their possible corrections.
  func reading(_ tokens: [Token]) -> Reading {
    let words = tokens.map(\.word)
    var reading = Reading(words: words, ids: words.map { layout.words.index(of: $0).map(Int32.init) })
    for (position, word) in words.enumerated() where reading.ids[position] == nil {
      let fixes = misspellings(of: word)
      if !fixes.isEmpty { reading.fixes[position] = fixes }
    }
    return reading
  }

  /// Scans analysed tokens for cues and denied cues.
  public func scan(_ tokens: [Token]) -> Scan {
    var result = Scan()
    let reading = reading(tokens)
    let words = reading.words
    func isOne(of list: Packed<Int32>, _ run: Range<Int>, _ position: Int) -> Bool { reading.ids[position].map { Self.contains(list, run, $0) } ?? false }
    var done: [Int] = []
    var fixed: Set<Int> = []
    for start in words.indices {
      let candidates = rules(startingAt: start, in: reading)
      if candidates.isEmpty { continue }
      for index in candidates where !done.contains(index) {
        guard let end = match(layout.ruleSlotEnds.run(index, within: layout.slotWordEnds.count), in: reading, from: start) else { continue }
        let before = layout.ruleBeforeEnds.run(index, within: layout.before.count)
        if start > 0, isOne(of: layout.before, before, start - 1) { continue }
        if start > 1, isOne(of: layout.before, before, start - 2) { continue }
        if end < words.count, isOne(of: layout.after, layout.ruleAfterEnds.run(index, within: layout.after.count), end) { continue }
        if let denier = Self.denier(before: start, tokens: tokens) {
          result.denied.append(denier..<end)
          continue
        }
        // Denied after ("SI/HI neg"), or long-past and resolved ("OD in 2015, clean since"):
        // a screening note or history, not a risk now.
        if Self.deniedAfter(end, tokens: tokens) || Self.isResolvedHistory(around: start..<end, in: words) {
          result.denied.append(start..<end)
          continue
        }
        let concern = Int(layout.ruleConcern[index])
        var name = concern >= 0 && concern < layout.concerns.count ? layout.concerns[concern] : "suicide"
        let weak = name.hasSuffix("?")
        if weak { name.removeLast() }
        for position in start..<end where reading.fixes[position] != nil { fixed.insert(position) }
        for resolved in name == "abuse" ? Self.abuseConcerns(in: words) : [name] {
          let cue = Cue(words: words[start..<end].joined(separator: " "), concern: resolved, weak: weak)
          if !result.cues.contains(where: { $0.words == cue.words && $0.concern == cue.concern }) { result.cues.append(cue) }
        }
        done.append(index)
      }
    }
    // A weak cue beside a strong one for the same concern adds nothing.
    let strong = result.cues.filter { !$0.weak }
    result.cues.removeAll { cue in cue.weak && strong.contains { $0.concern == cue.concern } }
    result.corrections = fixed.sorted().map { "\(words[$0]) → \(reading.fixes[$0]!.joined(separator: "/"))" }
    return result
  }

  /// Matches slots from `start`; returns the index after the match.
  private func match(_ slots: Range<Int>, in reading: Reading, from start: Int) -> Int? {
    let count = reading.words.count
    func step(_ slot: Int, _ position: Int, _ first: Bool) -> Int? {
      if slot == slots.upperBound { return position }
      let gap = Int(layout.slotGaps[slot])
      let optional = gap & 0x10000 != 0
      let reach = first ? 0 : gap & 0xFFFF
      var index = position
      while index < count, index <= position + reach {
        if self.slot(slot, takes: index, in: reading), let end = step(slot + 1, index + 1, false) { return end }
        index += 1
      }
      if optional { return step(slot + 1, position, first) }
      return nil
    }
    guard let first = slots.first, slot(first, takes: start, in: reading) || Int(layout.slotGaps[first]) & 0x10000 != 0 else { return nil }
    return step(first, start, true)
  }
}
