import CoachKit

/// One fuzz input: arbitrary bytes, decoded the way standard input is, first matched on their
/// own and then typed line by line into a consult in each format, so the safety screen, the
/// matcher, follow-ups, slash commands and both renderers all see them. Lines that could name
/// a `/save` are left out: a fuzzer must not write files.
enum MatcherFuzz {
  /// The coach on the embedded knowledge, built once.
  static let coach: Coach? = try? Coach.load()

  static func run(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let coach, let bytes else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    _ = coach.matcher.match(text)
    let width = 20 + Int(count > 0 ? bytes[0] % 100 : 60)
    for format in [Consultation.Format.text, .json] {
      var consultation = Consultation(coach: coach, renderer: TextRenderer(width: width), format: format)
      consultation.directory = "/nonexistent-coach-fuzz"
      for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(16) {
        let letters = String(String.UnicodeScalarView(line.unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }))
        if letters.lowercased().contains("save") { continue }
        if consultation.handle(String(line)).effect == .quit { break }
      }
    }
    return 0
  }
}

/// libFuzzer's entry point, also handed to its driver by `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
  MatcherFuzz.run(bytes, count)
}
