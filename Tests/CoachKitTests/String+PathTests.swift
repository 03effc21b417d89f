import Testing

@testable import CoachKit

/// The path helpers that replaced NSString's; the expectations are what
/// swift-corelibs-foundation gives (where it does not trap: it does on `"a"` and `"a/"`).
@Suite struct StringPathTests {
  @Test func lastPathComponent() {
    let cases = ["": "", "/": "/", "a": "a", "a/b": "b", "a/b/": "b", "/a": "a", "a//b//": "b", "./x.md": "x.md"]
    for (path, last) in cases { #expect(path.lastPathComponent == last, "\(path)") }
  }

  @Test func deletingLastPathComponent() {
    let cases = ["": "", "/": "/", "a": "", "a/b": "a", "a/b/": "a", "/a": "/", "/a/b": "/a", "a//b": "a", "./x.md": "."]
    for (path, folder) in cases { #expect(path.deletingLastPathComponent == folder, "\(path)") }
  }

  @Test func appendingPathComponent() {
    let cases = ["": "x.md", "/": "/x.md", "a": "a/x.md", "a/": "a/x.md", "a//b//": "a//b//x.md"]
    for (path, joined) in cases { #expect(path.appendingPathComponent("x.md") == joined, "\(path)") }
    #expect("a/b".appendingPathComponent("") == "a/b")
  }
}
