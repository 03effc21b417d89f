#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One word of what the user typed, after normalising.
public struct Token: Sendable, Equatable {
  /// The word, folded to lower case without accents, contractions expanded ("won't" → "will", "not").
  public var word: String
  /// Its Snowball stem.
  public var stem: String
  /// Which clause it stands in; a clause ends at `.`, `,`, `;`, `!`, `?`, a dash or a quote mark.
  public var clause: Int
  /// Whether it is inside quotation marks (client speech).
  public var quoted: Bool
  /// Whether it is in the scope of a negation ("not angry").
  public var negated: Bool
  /// Whether it is a function word that carries no topic.
  public var isStopword: Bool
  /// Whether it counts only beside another word ("talks *over* me", "*you* never"): a particle
  /// or a pronoun of the conversation.
  public var isWeak: Bool = false
}

/// Turns raw text into tokens: Unicode and case folding, contractions, punctuation, negation
/// scope, stemming.
public enum TextAnalyzer {
  /// Words that open a negation scope.
  static let negators: Set<String> = ["not", "no", "never", "nor", "neither", "without", "hardly", "barely", "cannot"]
  /// Words that close a negation scope before the clause ends ("not angry, just silent").
  static let scopeEnders: Set<String> = [
    "but", "just", "only", "rather", "instead", "though", "although", "yet", "except", "however", "and", "or", "so",
    "because", "while", "whereas",
  ]
  /// How many content words a negation reaches.
  static let scopeLength = 3

  /// Contractions typed with or without the apostrophe.
  static let contractions: [String: [String]] = [
    "won't": ["will", "not"], "wont": ["will", "not"], "can't": ["can", "not"], "cant": ["can", "not"],
    "shan't": ["shall", "not"], "ain't": ["is", "not"], "aint": ["is", "not"],
    "dont": ["do", "not"], "doesnt": ["does", "not"], "didnt": ["did", "not"], "isnt": ["is", "not"],
    "arent": ["are", "not"], "wasnt": ["was", "not"], "werent": ["were", "not"], "havent": ["have", "not"],
    "hasnt": ["has", "not"], "hadnt": ["had", "not"], "wouldnt": ["would", "not"], "shouldnt": ["should", "not"],
    "couldnt": ["could", "not"], "mustnt": ["must", "not"], "neednt": ["need", "not"],
    "im": ["i", "am"], "ive": ["i", "have"], "youre": ["you", "are"], "youve": ["you", "have"],
    "theyre": ["they", "are"], "theyve": ["they", "have"], "thats": ["that", "is"], "whats": ["what", "is"],
    "idk": ["i", "do", "not", "know"], "dunno": ["do", "not", "know"], "gonna": ["going", "to"],
    "wanna": ["want", "to"], "gotta": ["got", "to"], "kinda": ["kind", "of"], "sorta": ["sort", "of"],
    "cannot": ["can", "not"], "y'all": ["you", "all"],
  ]
  /// Suffixes after an apostrophe.
  static let suffixes: [String: [String]] = [
    "n't": ["not"], "'re": ["are"], "'m": ["am"], "'ve": ["have"], "'ll": ["will"], "'d": ["would"], "'s": [],
  ]
  /// Common spellings and abbreviations of the field, and frequent typos, mapped to words.
  static let spellings: [String: [String]] = [
    "pt": ["client"], "pts": ["clients"], "cl": ["client"], "clt": ["client"], "tx": ["therapy"], "sesh": ["session"],
    "u": ["you"], "ur": ["your"], "r": ["are"], "y": ["why"], "bc": ["because"], "b/c": ["because"], "w/": ["with"],
    "w": ["with"], "abt": ["about"], "thru": ["through"], "tho": ["though"], "ppl": ["people"], "rn": ["right", "now"],
    "mi": ["motivational", "interviewing"], "convo": ["conversation"], "mins": ["minutes"], "hw": ["homework"],
    "po": ["probation", "officer"], "cps": ["child", "protective", "services"], "dcfs": ["child", "protective", "services"],
    "eap": ["employee", "assistance", "program"], "ok": ["okay"], "nvm": ["never", "mind"],
  ]

  /// Function words: kept for negation and phrases, but not topics on their own.
  static let stopwords: Set<String> = [
    "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "into", "onto", "as", "is", "am", "are", "was", "were", "be", "been", "being", "do", "does",
    "did", "doing", "have", "has", "had", "having", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must", "i", "my", "mine", "we", "us", "our", "he", "him", "his", "himself", "she", "her", "hers",
    "herself", "they", "them", "their", "theirs", "themselves", "themself", "it", "its", "itself", "this", "that",
    "these", "those", "there", "here", "what", "which", "who", "whom", "whose", "when", "where", "how", "all", "any",
    "some", "such", "than", "too", "very", "s", "t", "just", "about", "again", "also", "still", "even", "really",
    "like", "get", "got", "gets", "getting", "one", "client", "clients", "my", "our", "your", "yours", "session",
    "sessions", "therapy", "therapist", "counselor", "counsellor", "keeps", "keep", "kept", "every", "each", "time",
    "today", "now", "always", "thing", "things", "way", "lot", "bit", "something", "anything", "okay", "well", "oh",
    "um", "uh", "hmm", "because", "while", "after", "before", "during", "since", "until", "whenever", "both", "other",
  ]

  /// Particles and conversation pronouns: they count in pairs, not alone.
  static let weakWords: Set<String> = [
    "up", "out", "over", "off", "down", "away", "back", "through", "around", "you", "your", "yours", "yourself", "me",
    "myself",
  ]

  /// The last text analysed and its tokens, one per thread: a consult reads each line several
  /// times (for follow-ups, for the client's context, for the match), and this saves all but
  /// the first; per thread, so a second thread matching lines ahead does not evict them.
  private final class LastAnalysis {
    var text = ""
    var tokens: [Token] = []
  }

  /// The thread's own last analysis, kept in a pthread key and released with the thread.
  private static let lastKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { pointer in
      #if canImport(Glibc)
        guard let pointer else { return }
      #endif
      Unmanaged<LastAnalysis>.fromOpaque(pointer).release()
    }
    return key
  }()

  private static var last: LastAnalysis {
    if let pointer = pthread_getspecific(lastKey) { return Unmanaged<LastAnalysis>.fromOpaque(pointer).takeUnretainedValue() }
    let fresh = LastAnalysis()
    pthread_setspecific(lastKey, Unmanaged.passRetained(fresh).toOpaque())
    return fresh
  }

  /// Splits and normalises a text.
  public static func analyze(_ text: String, stemmer: Stemmer = .english) -> [Token] {
    guard stemmer === Stemmer.english else { return tokenize(text, stemmer: stemmer) }
    let last = last
    if last.text == text { return last.tokens }
    let tokens = tokenize(text, stemmer: stemmer)
    last.text = text
    last.tokens = tokens
    return tokens
  }

  /// One word a raw word stands for, with what the tokenizer needs to know of it.
  struct Reading: Sendable {
    var word: String
    var stem: String
    var isNegator: Bool
    var endsScope: Bool
    var isStopword: Bool
    var isWeak: Bool
  }

  /// Readings of raw words already seen: a word costs one lookup here instead of a lookup in
  /// each list and in the stemmer.
  private static let readings = Memo<String, [Reading]>()

  /// The words a raw word stands for ("won't" → "will", "not"; "pt" → "client"), read.
  static func readings(of raw: String, stemmer: Stemmer) -> [Reading] {
    guard stemmer === Stemmer.english else { return read(raw, stemmer: stemmer) }
    return readings.value(for: raw) { read(raw, stemmer: stemmer) }
  }

  /// The readings of a raw word, worked out afresh.
  private static func read(_ raw: String, stemmer: Stemmer) -> [Reading] {
    var words = [raw]
    if let expansion = contractions[raw] ?? spellings[raw] {
      words = expansion
    } else if let apostrophe = raw.firstIndex(of: "'") {
      let head = String(raw[..<apostrophe])
      let tail = String(raw[apostrophe...])
      if raw.hasSuffix("n't") {
        words = [String(raw.dropLast(3)), "not"]
      } else if let expansion = suffixes[tail] {
        words = [head] + expansion
      } else {
        words = raw.split(separator: "'").map(String.init)
      }
    }
    return words.filter { !$0.isEmpty }.map { word in
      let stemmable = word.unicodeScalars.allSatisfy { $0 != "'" && Self.isWordScalar($0) && !("0"..."9").contains($0) }
      return Reading(
        word: word, stem: negators.contains(word) || !stemmable ? word : stemmer.stem(word), isNegator: negators.contains(word),
        endsScope: scopeEnders.contains(word), isStopword: stopwords.contains(word), isWeak: weakWords.contains(word))
    }
  }

  /// Splits and normalises a text, without the cache.
  static func tokenize(_ text: String, stemmer: Stemmer) -> [Token] {
    let folded = fold(text)
    var tokens: [Token] = []
    tokens.reserveCapacity(folded.utf8.count / 4)
    var clause = 0
    var quoted = false
    var negationLeft = 0

    func emit(_ raw: String) {
      for reading in readings(of: raw, stemmer: stemmer) {
        if reading.isNegator {
          negationLeft = scopeLength
          tokens.append(Token(word: reading.word, stem: reading.stem, clause: clause, quoted: quoted, negated: false, isStopword: true))
          continue
        }
        if reading.endsScope { negationLeft = 0 }
        let negated = negationLeft > 0
        if negated, !reading.isStopword { negationLeft -= 1 }
        tokens.append(
          Token(
            word: reading.word, stem: reading.stem, clause: clause, quoted: quoted, negated: negated, isStopword: reading.isStopword,
            isWeak: reading.isWeak))
      }
    }

    func flush(_ word: Substring) {
      guard !word.isEmpty else { return }
      // Apostrophes at the edges are quote marks, not contractions.
      var trimmed = word
      var opensQuote = false
      var closesQuote = false
      while trimmed.utf8.first == UInt8(ascii: "'") { trimmed = trimmed.dropFirst(); opensQuote = true }
      while trimmed.utf8.last == UInt8(ascii: "'") { trimmed = trimmed.dropLast(); closesQuote = true }
      if opensQuote { toggleQuote() }
      if !trimmed.isEmpty { emit(String(trimmed)) }
      if closesQuote { toggleQuote() }
    }

    func toggleQuote() {
      quoted.toggle()
      clause += 1
      negationLeft = 0
    }

    // Words are cut out of the folded text as slices, not built a character at a time.
    let scalars = folded.unicodeScalars
    var start = scalars.startIndex
    var index = start
    while index != scalars.endIndex {
      let scalar = scalars[index]
      let next = scalars.index(after: index)
      if Self.isWordScalar(scalar) {
        index = next
        continue
      }
      if scalar == "/", scalars.distance(from: start, to: index) == 1, scalars[start] == "b" || scalars[start] == "w" {
        index = next
        continue
      }
      flush(folded[start..<index])
      switch scalar {
      case "\"": toggleQuote()
      case ".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "-", "\n", "\t":
        clause += 1
        negationLeft = 0
      default: break
      }
      index = next
      start = next
    }
    flush(folded[start..<index])
    return tokens
  }

  /// Letters, digits and the apostrophe make words; ASCII is decided without Unicode tables.
  @inline(__always) static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let value = scalar.value
      return (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) || value == 0x27 || (0x41...0x5A).contains(value)
    }
    return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }

  /// Lower case without accents, with typographic quotes and dashes made plain.
  public static func fold(_ text: String) -> String {
    // Plain ASCII, most of what is typed, folds byte by byte.
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
        for (index, byte) in text.utf8.enumerated() {
          switch byte {
          case UInt8(ascii: "A")...UInt8(ascii: "Z"): buffer[index] = byte + 32
          case UInt8(ascii: "`"): buffer[index] = UInt8(ascii: "'")
          default: buffer[index] = byte
          }
        }
        return text.utf8.count
      }
    }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\u{2018}", "\u{2019}", "\u{02BC}", "`", "\u{00B4}": out.append("'")
      case "\u{201C}", "\u{201D}", "\u{00AB}", "\u{00BB}", "\u{201E}": out.append("\"")
      case "\u{2013}", "\u{2014}", "\u{2012}", "\u{2015}": out.append("-")
      case _ where scalar.isASCII:
        out.unicodeScalars.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
      case _ where scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format:
        out.append(" ")
      default:
        out.append(AccentFolding.fold(scalar))
      }
    }
    return out
  }
}
