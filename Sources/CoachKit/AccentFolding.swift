/// Plain letters for accented Latin ones, ligatures and full-width ASCII: what Foundation's
/// `folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive])` did to
/// the letters people type, without Foundation (and its ICU) in the binary.
///
/// The table covers Latin-1 Supplement, Latin Extended-A and -B and Latin Extended Additional,
/// generated from Foundation's own folding of those blocks; `TextAnalyzerTests` checks the two
/// still agree. Greek and Cyrillic accents are left as they are.
enum AccentFolding {
  /// Each plain form with the lower-case letters that fold to it.
  static let groups: [(plain: String, letters: String)] = [
    ("a", "àáâãäåāăąǎǟǡǻȁȃȧḁạảấầẩẫậắằẳẵặ"), ("aʾ", "ẚ"), ("b", "ḃḅḇ"), ("c", "çćĉċčḉ"),
    ("d", "ďḋḍḏḑḓ"), ("e", "èéêëēĕėęěȅȇȩḕḗḙḛḝẹẻẽếềểễệ"), ("f", "ḟ"), ("g", "ĝğġģǧǵḡ"),
    ("h", "ĥȟḣḥḧḩḫẖ"), ("i", "ìíîïĩīĭįǐȉȋḭḯỉịİ"), ("j", "ĵǰ"), ("k", "ķǩḱḳḵ"), ("l", "ĺļľḷḹḻḽ"),
    ("m", "ḿṁṃ"), ("n", "ñńņňǹṅṇṉṋ"), ("o", "òóôõöōŏőơǒǫǭȍȏȫȭȯȱṍṏṑṓọỏốồổỗộớờởỡợ"), ("p", "ṕṗ"),
    ("r", "ŕŗřȑȓṙṛṝṟ"), ("s", "śŝşšſșṡṣṥṧṩẛ"), ("ss", "ß"), ("t", "ţťțṫṭṯṱẗ"),
    ("u", "ùúûüũūŭůűųưǔǖǘǚǜȕȗṳṵṷṹṻụủứừửữự"), ("v", "ṽṿ"), ("w", "ŵẁẃẅẇẉẘ"), ("x", "ẋẍ"),
    ("y", "ýÿŷȳẏẙỳỵỷỹ"), ("z", "źżžẑẓẕ"), ("æ", "ǣǽ"), ("ø", "ǿ"), ("ʒ", "ǯ"), ("ʼn", "ŉ"),
    ("ff", "ﬀ"), ("fi", "ﬁ"), ("fl", "ﬂ"), ("ffi", "ﬃ"), ("ffl", "ﬄ"), ("st", "ﬅﬆ"),
  ]

  /// The groups by letter; built on first use, which only non-ASCII text reaches.
  static let plainForms: [UInt32: String] = {
    var forms: [UInt32: String] = [:]
    for (plain, letters) in groups {
      for letter in letters.unicodeScalars { forms[letter.value] = plain }
    }
    return forms
  }()

  /// One non-ASCII scalar in lower case, without accents, ASCII if it was full-width ASCII.
  static func fold(_ scalar: Unicode.Scalar) -> String {
    // "İ" lower-cases to "i" and a combining dot, so it is looked up before lower-casing.
    if let plain = plainForms[scalar.value] { return plain }
    if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
      return String(ascii).lowercased()
    }
    var out = ""
    for lower in scalar.properties.lowercaseMapping.unicodeScalars {
      if let plain = plainForms[lower.value] { out += plain } else { out.unicodeScalars.append(lower) }
    }
    return out
  }
}
