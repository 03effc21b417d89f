import CoachKit

/// The shipped knowledge at a multiple of its size, for benchmarks: the embedded files, then for
/// each copy `k` every intent again as `<id>-k`, its related ids renamed to match, and about half
/// the content words of its examples and keywords rewritten (`silent` → `silentqb`), so each copy
/// brings its own examples and grows the vocabulary while still sharing words with the others.
enum SyntheticKnowledge {
  /// The files of `scale` copies of the knowledge as (path, text), ready for
  /// `IntentTable(files:)`; scale 1 is the embedded knowledge unchanged.
  static func files(scale: Int) -> [(path: String, text: String)] {
    let shipped = IntentTable.embeddedFiles.map { (path: "Knowledge/\($0.name)", text: $0.text) }
    var files = shipped
    for copy in 1..<max(scale, 1) {
      for file in shipped where file.path.hasSuffix(".md") {
        files.append(rewrite(file, copy: copy))
      }
    }
    return files
  }

  /// One intent file as copy `copy`: new id and file name, renamed related ids, perturbed
  /// example and keyword lines; guidance text unchanged.
  static func rewrite(_ file: (path: String, text: String), copy: Int) -> (path: String, text: String) {
    let suffix = "-\(copy)"
    var key = ""
    var fences = 0
    var lines: [String] = []
    for raw in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = String(raw)
      if line == "---" {
        fences += 1
      } else if fences == 1 {
        if let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") {
          key = String(line[..<colon])
          let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
          if key == "id" { line = "id: \(value)\(suffix)" }
          if key == "related", value.hasPrefix("[") {
            let ids = value.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) + suffix }
            line = "related: [\(ids.joined(separator: ", "))]"
          }
        } else if line.hasPrefix("  - ") {
          if key == "related" { line += suffix }
          if key == "examples" || key == "keywords" { line = perturb(line, copy: copy) }
        }
      }
      lines.append(line)
    }
    let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
    let path = "Knowledge/" + name.dropLast(3) + suffix + ".md"
    return (path, lines.joined(separator: "\n"))
  }

  /// Rewrites about half the content words of a line, the same words the same way throughout
  /// one copy, by appending letters that spell the copy number.
  static func perturb(_ line: String, copy: Int) -> String {
    var out = ""
    var word = ""
    func flush() {
      if word.count >= 3, hash(word, copy) % 2 == 0, TextAnalyzer.analyze(word).first?.isStopword == false {
        out += word + tag(copy)
      } else {
        out += word
      }
      word = ""
    }
    for character in line {
      if character.isASCII && character.isLetter {
        word.append(character)
      } else {
        flush()
        out.append(character)
      }
    }
    flush()
    return out
  }

  /// Letters that spell a copy number: `q` then the number in base 26 (`1` → `qb`).
  static func tag(_ copy: Int) -> String {
    var letters = ""
    var rest = copy
    repeat {
      letters = String(UnicodeScalar(UInt8(97 + rest % 26))) + letters
      rest /= 26
    } while rest > 0
    return "q" + letters
  }

  /// FNV-1a of a word and a copy number: deterministic across runs, unlike `Hasher`.
  static func hash(_ word: String, _ copy: Int) -> UInt64 {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in word.utf8 + Array("#\(copy)".utf8) {
      value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return value >> 32
  }
}
