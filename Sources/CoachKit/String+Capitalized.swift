extension String {
  /// The word with its first letter in upper case ("they" → "They"): all `capitalized` was
  /// used for, on single lower-case words, and not in FoundationEssentials.
  var capitalizedWord: String {
    prefix(1).uppercased() + dropFirst()
  }
}
