/// Tells a line written in another language from English, so the coach says it can only read
/// English instead of matching foreign words to English ones ("mi cliente" is not "MI"). Risk in
/// Spanish, the commonest other language of US clinics, is still screened for: the screen has
/// Spanish cues of its own.
enum Language {
  /// Whether a line reads as English: not when its function words are mostly those of another
  /// language (Spanish, Portuguese, French, Italian, German, Tagalog, Vietnamese).
  static func looksEnglish(_ tokens: [Token]) -> Bool {
    var english = 0
    var other = 0
    for token in tokens where !token.quoted || tokens.allSatisfy(\.quoted) {
      if isEnglishFunctionWord(token.word) { english += 1 } else if isForeignFunctionWord(token.word) { other += 1 }
    }
    return other < 2 || other < 2 * english
  }

  /// English function words, as a set: a `switch` over this many strings compares them one by
  /// one, and this runs for every word of every line.
  static let englishFunctionWords: Set<String> = [
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "is", "are", "was", "were",
    "be", "he", "she", "they", "it", "i", "you", "we", "my", "his", "her", "their", "this", "that", "what", "how",
    "when", "not", "do", "does", "did", "have", "has", "had", "will", "would", "can", "about", "just", "keeps",
    "says", "said", "client", "from", "by", "if", "so", "me", "him", "them", "our", "your", "there", "been", "who",
    "why", "all", "any",
  ]

  static func isEnglishFunctionWord(_ word: String) -> Bool { englishFunctionWords.contains(word) }

  /// Function words of Spanish, Portuguese, French, Italian, German, Tagalog and Vietnamese
  /// (accents folded).
  static let foreignFunctionWords: Set<String> = [
    "el", "los", "las", "una", "unos", "del", "al", "que", "por", "para", "con", "sin", "pero", "muy", "mas", "nada",
    "su", "sus", "mi", "mis", "tu", "yo", "ella", "ellos", "es", "esta", "estan", "son", "fue", "era", "hay", "como",
    "cuando", "donde", "porque", "tambien", "solo", "siempre", "nunca", "cliente", "clienta", "habla", "dice",
    "dijo", "le", "lo", "se", "nos", "no", "ya", "y", "o", "de", "la", "en", "un", "os", "uma", "nao", "com", "sao",
    "ele", "ela", "voce", "dela", "dele", "isso", "ao", "mais", "muito", "mae", "pai", "les", "des", "est", "et",
    "il", "elle", "ne", "pas", "je", "qui", "dans", "sur", "avec", "ou", "tres", "ce", "cette", "mon", "ma", "sa",
    "nous", "vous", "ils", "une", "du", "au", "aux", "di", "che", "non", "e", "della", "sono", "gli", "ha", "lei",
    "lui", "perche", "molto", "anche", "questo", "mio", "der", "die", "das", "und", "ist", "nicht", "ich", "sie",
    "er", "mit", "auf", "fur", "ein", "eine", "den", "dem", "sich", "auch", "nur", "wie", "aber", "oder", "wenn",
    "mein", "meine", "sagt", "immer", "nichts", "ang", "ng", "mga", "na", "si", "ay", "ako", "siya", "hindi", "kung",
    "po", "ba", "khi", "cua", "va", "co", "khong", "toi", "cho", "nhung", "nguoi", "duoc", "trong", "voi",
  ]

  static func isForeignFunctionWord(_ word: String) -> Bool { foreignFunctionWords.contains(word) }

}
