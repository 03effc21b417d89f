import Foundation
import Testing

/// Whole consults replayed through the built binary in stdin mode: each
/// `Tests/Fixtures/consult-NAME.txt` script against its `consult-NAME.expected.txt` output.
/// After a deliberate change to the knowledge or the wording, regenerate them with
/// `COACH_UPDATE_GOLDEN=1 swift test --filter ConsultReplayTests` and read the diff.
@Suite struct ConsultReplayTests {
  static let fixtures = CoachBinary.packageRoot.appendingPathComponent("Tests/Fixtures")

  /// The scripts: every `consult-*.txt` that is not an expected output.
  static let scripts: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
    return names.filter { $0.hasPrefix("consult-") && $0.hasSuffix(".txt") && !$0.hasSuffix(".expected.txt") }
      .map { String($0.dropLast(".txt".count)) }.sorted()
  }()

  @Test func thereIsAReplayToRun() {
    #expect(!Self.scripts.isEmpty)
  }

  @Test(arguments: scripts)
  func replayMatchesTheGolden(name: String) throws {
    let script = try String(contentsOf: Self.fixtures.appendingPathComponent(name + ".txt"), encoding: .utf8)
    let run = try CoachBinary.run(["--color", "never"], input: script, environment: ["COLUMNS": "80"])
    #expect(run.status == 0)
    #expect(run.stderr == "")
    let golden = Self.fixtures.appendingPathComponent(name + ".expected.txt")
    if ProcessInfo.processInfo.environment["COACH_UPDATE_GOLDEN"] == "1" {
      try run.stdout.write(to: golden, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    #expect(run.stdout == expected, "\(name): \(Self.firstDifference(run.stdout, expected))")
  }

  @Test(arguments: scripts)
  func jsonReplayAnswersEachMessageWithOneObject(name: String) throws {
    let script = try String(contentsOf: Self.fixtures.appendingPathComponent(name + ".txt"), encoding: .utf8)
    let run = try CoachBinary.run(["--json"], input: script)
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.count == Self.messages(in: script))
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(object?["input"] != nil || object?["command"] != nil, "\(line)")
    }
  }

  /// How many messages a script sends: its non-blank lines, with a `"""` block counted once.
  static func messages(in script: String) -> Int {
    var count = 0
    var inBlock = false
    for line in script.split(separator: "\n") {
      let text = line.trimmingCharacters(in: .whitespaces)
      if text == "\"\"\"" {
        if inBlock { count += 1 }
        inBlock.toggle()
      } else if !inBlock, !text.isEmpty {
        count += 1
      }
    }
    return count
  }

  /// The first line where two texts part, for a readable failure.
  static func firstDifference(_ actual: String, _ expected: String) -> String {
    let got = actual.components(separatedBy: "\n")
    let want = expected.components(separatedBy: "\n")
    for index in 0..<max(got.count, want.count) {
      let left = index < got.count ? got[index] : "(end)"
      let right = index < want.count ? want[index] : "(end)"
      if left != right { return "line \(index + 1): got “\(left)”, expected “\(right)”" }
    }
    return "same"
  }
}
