import CoachKit

/// One fuzz input: the bytes of a knowledge file, as `--knowledge` reads it (named
/// `fuzz.md`, so a file with `id: fuzz` can parse), and the same text as a source document. A
/// file that parses becomes a table of its own and answers a few lines, so odd but valid
/// knowledge reaches the matcher and the renderers too.
enum KnowledgeFuzz {
  static let lines = ["she just shrugs and says nothing", "/next", "/why", "/more", "/topics", "/show fuzz", "/show"]

  static func run(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let bytes else { return 0 }
    guard let text = String(validating: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self) else { return 0 }
    guard let table = try? IntentTable(files: [("Knowledge/fuzz.md", text), ("Knowledge/fuzz.txt", text)]) else { return 0 }
    _ = table.coverage()
    var consultation = Consultation(coach: Coach(table: table), renderer: TextRenderer(width: 60))
    for line in lines { _ = consultation.handle(line) }
    return 0
  }
}

/// libFuzzer's entry point, also handed to its driver by `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
  KnowledgeFuzz.run(bytes, count)
}
