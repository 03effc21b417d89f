import CoachKit
import CoachKnowledge
import Foundation
import Testing

/// The options every subcommand takes, the exit statuses, and a binary that carries its knowledge.
@Suite struct CoachCommandTests {
  /// A knowledge file that adds an intent the embedded table does not have.
  static let juggling = """
    ---
    id: juggling
    title: Juggling
    kind: concept
    sources: [a test]
    examples:
      - my client juggles oranges in session
      - juggling oranges again
    related: [hostility]
    ---
    ## Answer
    A client who juggles oranges is juggling oranges.
    """

  @Test func knowledgeFolderAddsAnIntent() throws {
    let folder = try TemporaryFolder()
    try folder.write(Self.juggling, to: "juggling.md")
    let run = try CoachBinary.run(["ask", "--json", "--knowledge", folder.path, "she juggles oranges"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(object["intent"] as? String == "juggling")
    let intents = try CoachBinary.run(["intents", "--knowledge", folder.path])
    #expect(intents.stdout.contains("juggling"))
  }

  @Test func knowledgeFolderReplacesAnIntent() throws {
    let folder = try TemporaryFolder()
    let hostility = try #require(IntentTable.embeddedFiles.first { $0.name == "hostility.md" }).text
    try folder.write(hostility.replacingOccurrences(of: "title: Hostility", with: "title: Open hostility"), to: "hostility.md")
    let run = try CoachBinary.run(["intents", "--json", "--knowledge", folder.path])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let intents = try #require(object["intents"] as? [[String: Any]])
    #expect(intents.count == IntentTable.embeddedFiles.filter { $0.name.hasSuffix(".md") }.count)
    #expect(intents.first { $0["id"] as? String == "hostility" }?["title"] as? String == "Open hostility")
  }

  @Test(arguments: [[], ["ask", "hello"], ["intents"], ["check"]])
  func badKnowledgeStopsStartUpWith65(arguments: [String]) throws {
    let folder = try TemporaryFolder()
    try folder.write(Self.juggling.replacingOccurrences(of: "kind: concept", with: "kind: idea"), to: "juggling.md")
    let run = try CoachBinary.run(arguments + ["--knowledge", folder.path], input: "he shrugs\n")
    #expect(run.status == 65)
    #expect(run.stdout == "")
    #expect(run.stderr.hasPrefix(folder.path + "/juggling.md:4: error: unknown kind 'idea'"))
  }

  @Test func everyProblemIsListedOnStandardError() throws {
    let folder = try TemporaryFolder()
    try folder.write(Self.juggling.replacingOccurrences(of: "id: juggling", with: "id: tossing"), to: "juggling.md")
    try folder.write("no front matter\n", to: "notes.md")
    let run = try CoachBinary.run(["check", "--knowledge", folder.path])
    #expect(run.status == 65)
    #expect(
      run.stderr == """
        \(folder.path)/juggling.md:2: error: id 'tossing' does not match the file name 'juggling.md'
        \(folder.path)/notes.md:1: error: expected front matter: the first line must be '---'

        """)
  }

  @Test func missingKnowledgeFolderIs66() throws {
    let run = try CoachBinary.run(["ask", "--knowledge", "/nonexistent/knowledge", "he shrugs"])
    #expect(run.status == 66)
    #expect(run.stderr == "/nonexistent/knowledge: error: no such file or folder\n")
  }

  @Test func usageErrorIs64() throws {
    let run = try CoachBinary.run(["--color", "sometimes"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("sometimes"))
    let ask = try CoachBinary.run(["ask"])
    #expect(ask.status == 64)
  }

  @Test func askAnswersOnceAndExits() throws {
    let run = try CoachBinary.run(["ask", "he", "just", "shrugs", "and", "says", "nothing"])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("No response · sign of resistance"))
    #expect(run.stdout.contains(" 5 Make your case"))
    let json = try CoachBinary.run(["ask", "--json", "he just shrugs"])
    #expect(json.stdout.split(separator: "\n").count == 1)
  }

  @Test func intentsJSONListsTheCatalog() throws {
    let run = try CoachBinary.run(["intents", "--json"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let intents = try #require(object["intents"] as? [[String: Any]])
    let ids = Set(intents.compactMap { $0["id"] as? String })
    #expect(ids.isSuperset(of: ["no-response", "safety-risk", "mandated-client", "mi-principles", "clinician-frustration"]))
    #expect(intents.allSatisfy { ($0["examples"] as? [String])?.count ?? 0 >= 12 })
    #expect(intents.allSatisfy { $0["title"] is String && $0["kind"] is String })
  }

  @Test func intentsTextGroupsByKind() throws {
    let run = try CoachBinary.run(["intents"])
    #expect(run.stdout.hasPrefix("Signs: what the client does\n"))
    #expect(run.stdout.contains("\nSafety\n  safety-risk"))
  }

  @Test func checkPassesAndCoversEverySection() throws {
    let run = try CoachBinary.run(["check"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("all files valid"))
    #expect(run.stdout.contains("ok        What is rolling with resistance? → "))
    #expect(!run.stdout.contains("UNCOVERED"))
  }

  @Test func checkFailsWhenASourceSectionIsUncovered() throws {
    let folder = try TemporaryFolder()
    try folder.write("Question: What does nobody answer here?\nNothing does.\n", to: "more-questions.txt")
    let run = try CoachBinary.run(["check", "--knowledge", folder.path])
    #expect(run.status == 65)
    #expect(run.stdout.contains("UNCOVERED What does nobody answer here? → -"))
    #expect(run.stderr == "error: some source sections are covered by no intent\n")
  }

  @Test func versionAndHelp() throws {
    let version = try CoachBinary.run(["--version"])
    #expect(version.status == 0)
    #expect(version.stdout.contains("0.1"))
    let help = try CoachBinary.run(["--help"])
    for word in ["chat (default)", "ask", "intents", "check"] {
      #expect(help.stdout.contains(word), "--help does not mention \(word)")
    }
    let chat = try CoachBinary.run(["help", "chat"])
    for word in ["--knowledge <dir>", "--json", "--color <when>"] {
      #expect(chat.stdout.contains(word), "help chat does not mention \(word)")
    }
  }

  @Test func colorAlwaysColorsAndNoColorByDefaultOnAPipe() throws {
    let plain = try CoachBinary.run(["ask", "he shrugs"], environment: ["TERM": "xterm"])
    #expect(!plain.stdout.contains("\u{1B}"))
    let colored = try CoachBinary.run(["ask", "--color", "always", "he shrugs"])
    #expect(colored.stdout.contains("\u{1B}["))
  }

  @Test func binaryCopiedAloneStillAnswers() throws {
    let folder = try TemporaryFolder()
    let copy = URL(fileURLWithPath: folder.path + "/coach")
    try FileManager.default.copyItem(at: CoachBinary.url, to: copy)
    let run = try CoachBinary.run(["--json"], input: "he just shrugs\n", executable: copy, directory: folder.path)
    #expect(run.status == 0)
    #expect(run.stdout.contains("\"intent\":\"no-response\""))
    let check = try CoachBinary.run(["check"], executable: copy, directory: folder.path)
    #expect(check.status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["coach"])
  }
}
