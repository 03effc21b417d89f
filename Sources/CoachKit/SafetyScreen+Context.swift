/// What the words around a cue say about it: a denial before it, who is named as being hurt,
/// and whether it lies in long-past history that the text calls resolved.
extension SafetyScreen {
  /// The index of a denial that stands before the cue in its clause ("no suicidal thoughts",
  /// "denies any self-harm"), or nil.
  ///
  /// The reach of a denial is narrow on purpose: "denies SI but has been giving his tools away"
  /// is risk. "denies" and "without" reach over a few words of their clause; "no" only over
  /// screening words ("no current thoughts of suicide") and not over "one" ("no one would care
  /// if she died" is risk); "not" and "never" only over fillers ("not suicidal", "not a danger").
  static func denier(before start: Int, tokens: [Token]) -> Int? {
    var index = start - 1
    var looked = 0
    var contentWords = 0
    var onlyScreeningWords = true
    while index >= 0, looked < 5, tokens[index].clause == tokens[start].clause {
      let word = tokens[index].word
      switch DenialWord(word) {
      case .strong: return index
      case .no where onlyScreeningWords: return index
      case .weak where contentWords == 0: return index
      case .turn: return nil
      default: break
      }
      if !isFiller(word) {
        contentWords += 1
        if !isScreeningWord(word) { onlyScreeningWords = false }
      }
      index -= 1
      looked += 1
    }
    return nil
  }

  /// How a word denies what follows it, if it does.
  enum DenialWord {
    case strong, no, weak, turn, none

    init(_ word: String) {
      switch word {
      case "denies", "deny", "denied", "denying", "without", "negative", "negs": self = .strong
      case "no": self = .no
      case "not", "never", "nor", "neither": self = .weak
      case "but", "though", "although", "yet", "however", "except": self = .turn
      default: self = .none
      }
    }
  }

  static func isFiller(_ word: String) -> Bool {
    switch word {
    case "a", "an", "the", "any", "really", "at", "all", "currently", "actively", "been", "be", "is", "was", "are", "feeling",
      "feel", "feels", "seem", "seems", "seemed", "considered", "deemed", "acutely", "presently", "he", "she", "they", "has",
      "have", "had", "and", "or", "for", "going", "to", "about", "ever", "i", "am", "gonna", "will", "would":
      true
    default: false
    }
  }

  /// Words of a screening note, over which "no" still denies ("no current or recent thoughts of").
  static func isScreeningWord(_ word: String) -> Bool {
    switch word {
    case "thoughts", "thought", "current", "recent", "active", "passive", "history", "hx", "intent", "plan", "plans",
      "ideation", "sign", "signs", "evidence", "indication", "concerns", "concern", "reported", "reports", "of", "suicidal",
      "homicidal", "self", "harm", "si", "hi", "thinking", "urges", "urge", "acute", "known", "further", "reason", "suspicion", "for", "re",
      "about", "risk", "safety", "any":
      true
    default: false
    }
  }

  /// Who is being hurt, for a cue of abuse: a child, an older or vulnerable adult, a partner
  /// (several may be named); a partner when the text names no one.
  static func abuseConcerns(in words: [String]) -> [String] {
    var child = false
    var elder = false
    var partner = false
    for word in words {
      switch word {
      case "kid", "kids", "child", "children", "baby", "babies", "toddler", "infant", "son", "daughter", "newborn", "student",
        "students", "boy", "girl", "teen", "teenager", "stepson", "stepdaughter", "niece", "nephew", "foster", "school",
        "teacher", "grade", "cps", "dcfs", "stepdad", "stepfather", "stepmom", "daddy", "mommy", "year", "yr", "yo", "kindergarten",
        "preschool", "daycare", "hijo", "hija", "nino", "nina", "ninos", "protective", "class", "classroom", "little":
        child = true
      case "elderly", "elder", "older", "grandma", "grandpa", "grandmother", "grandfather", "dementia", "nursing", "caregiver",
        "carer", "aide", "pension", "senior", "seniors", "aging", "aged", "vulnerable", "disability", "disabled", "guardian",
        "facility", "alzheimer", "alzheimers", "aps", "retired", "widow", "widower", "abuela", "abuelo", "resident", "residents",
        "hospice", "parkinson", "frail", "bedbound", "bedridden":
        elder = true
      case "husband", "wife", "partner", "boyfriend", "girlfriend", "ex", "spouse", "fiance", "fiancee", "dv", "ipv", "domestic",
        "marriage", "married", "esposo", "marido", "pareja", "novio", "novia", "bf", "gf":
        partner = true
      default: break
      }
    }
    var found: [String] = []
    if child { found.append("child-abuse") }
    if elder { found.append("elder-abuse") }
    if partner || found.isEmpty { found.append("partner-violence") }
    return found
  }

  /// Whether a screening note denies the cue after it ("SI/HI neg", "SI screen done and
  /// negative", "self-harm: none").
  static func deniedAfter(_ end: Int, tokens: [Token]) -> Bool {
    for position in end..<min(end + 5, tokens.count) {
      switch tokens[position].word {
      case "neg", "negative", "negs", "none", "nil", "absent", "denied", "denies": return true
      case "but", "though", "however", "yet": return false
      default: continue
      }
    }
    return false
  }

  /// Whether the words around a cue speak of it as long-past history that is resolved ("attempt
  /// in 2009, stable since", "hx of SH as a teen, nothing for 15 yrs"), with nothing current
  /// about the risk beside it ("again", "last week").
  static func isResolvedHistory(around range: Range<Int>, in words: [String]) -> Bool {
    var past = false
    var resolved = false
    let window = max(0, range.lowerBound - 8)..<min(words.count, range.upperBound + 10)
    for position in window {
      let word = words[position]
      let previous = position > 0 ? words[position - 1] : ""
      switch word {
      case "history", "hx", "ago", "childhood", "previous", "previously", "prior", "former", "formerly", "decades", "past", "old",
        "90s", "80s", "70s", "teen", "teens", "teenager", "college", "uni", "university", "school", "twenties", "20s", "youth", "years":
        past = true
      case "since", "stable", "resolved", "remission", "recovered", "sober", "clean", "over", "recovery", "peace", "completed",
        "stopped", "worked", "nothing", "none", "fine", "safe", "supported", "well":
        resolved = true
      case "again", "recently", "lately", "yesterday", "tonight", "started", "starting", "relapsed", "relapse", "increasing",
        "worse", "worsening", "new":
        return false
      case "week", "weekend", "night", "month":
        if previous == "last" || previous == "this" { return false }
      default:
        // A year ("in 2009") is history.
        if word.utf8.count == 4, word.hasPrefix("19") || word.hasPrefix("20"), word.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
          past = true
        }
      }
    }
    return past && resolved
  }
}
