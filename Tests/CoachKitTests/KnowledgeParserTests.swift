import Testing

@testable import CoachKit

/// A knowledge file that parses, and each way one can be wrong, with the exact message.
@Suite struct KnowledgeParserTests {
  /// A sign with every part; line numbers in the bad cases below refer to this text.
  static let good = """
    ---
    id: silence
    title: Silence
    kind: sign
    sources:
      - "Client resistance FAQ, red flags: No response"
    examples:
      - says nothing
      - "she said \\"whatever\\" and went quiet"
    related: [hostility]
    ---

    ## Answer
    Silence is an answer too;
    meet it with patience.

    ## Acknowledge
    Do: Name the silence
    without blame.
    Why: Everyone wants to feel heard.
    Say: "It's quiet today, and that's all right."

    ## Validate
    Do: Say the silence makes sense.
    Why: The client has a reason.
    Say: "I'd be wary too."

    ## Clarify
    Do: Ask about {their} silence.
    Why: Find out what lies under it.
    Say: "What would make talking easier?"

    ## Create buy-in
    Do: Tie talking to what {they} want.
    Why: Find out what they want.
    Say: "What would make this hour worth it?"

    ## Make your case
    Do: Offer your view with permission.
    Why: Support self-efficacy.
    Say: "Can I tell you what I've noticed?"

    ## In practice
    - Wait longer than feels comfortable.
    """

  static let path = "Knowledge/silence.md"

  @Test func goodFileParsesEveryPart() throws {
    let intent = try KnowledgeParser.parse(Self.good, path: Self.path)
    #expect(intent.id == "silence")
    #expect(intent.title == "Silence")
    #expect(intent.kind == .sign)
    #expect(intent.sources == ["Client resistance FAQ, red flags: No response"])
    #expect(intent.examples == ["says nothing", "she said \"whatever\" and went quiet"])
    #expect(intent.related == ["hostility"])
    #expect(intent.covers.isEmpty && intent.keywords.isEmpty)
    #expect(intent.path == Self.path)
    #expect(intent.guidance.answer == "Silence is an answer too;\nmeet it with patience.")
    #expect(intent.guidance.stages.map(\.name) == Guidance.Stage.Name.allCases)
    let first = try #require(intent.guidance.stages.first)
    #expect(first.action == "Name the silence without blame.")
    #expect(first.why == "Everyone wants to feel heard.")
    #expect(first.say == "\"It's quiet today, and that's all right.\"")
    #expect(intent.guidance.inPractice == "- Wait longer than feels comfortable.")
    #expect(intent.guidance.protocolSteps.isEmpty)
  }

  @Test func windowsLineEndingsParseAlike() throws {
    let crlf = Self.good.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(try KnowledgeParser.parse(crlf, path: Self.path) == KnowledgeParser.parse(Self.good, path: Self.path))
  }

  @Test func byteOrderMarkIsIgnored() throws {
    #expect(try KnowledgeParser.parse("\u{FEFF}" + Self.good, path: Self.path).id == "silence")
  }

  @Test func safetyIntentHasAProtocolAndNoStages() throws {
    let text = """
      ---
      id: danger
      title: Danger
      kind: safety
      sources: [standard practice]
      examples: [he said he would hurt her]
      ---
      ## Answer
      Stop and assess.
      ## Protocol
      1. Ask directly.
      2. Follow the procedure,
         with a supervisor.
      """
    let intent = try KnowledgeParser.parse(text, path: "danger.md")
    #expect(intent.kind == .safety)
    #expect(intent.guidance.stages.isEmpty)
    #expect(intent.guidance.protocolSteps == ["Ask directly.", "Follow the procedure, with a supervisor."])
  }

  @Test func conceptNeedsNoStages() throws {
    let text = """
      ---
      id: idea
      title: An idea
      kind: concept
      sources: [the FAQ]
      examples: [what is the idea]
      ---
      ## Answer
      It is this.
      """
    let intent = try KnowledgeParser.parse(text, path: "idea.md")
    #expect(intent.guidance.stages.isEmpty)
    #expect(intent.guidance.answer == "It is this.")
  }

  /// A malformed file and the one message it must give.
  struct BadFile: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var message: String
    var testDescription: String { name }

    /// The good file with one piece of text replaced.
    init(_ name: String, replacing old: String, with new: String, _ message: String) {
      precondition(KnowledgeParserTests.good.contains(old), "fixture drifted: \(old)")
      self.init(name, text: KnowledgeParserTests.good.replacingOccurrences(of: old, with: new), message)
    }

    init(_ name: String, text: String, _ message: String) {
      self.name = name
      self.text = text
      self.message = message
    }
  }

  static let badFiles: [BadFile] = [
    BadFile(
      "no front matter", text: "# Silence\n\n## Answer\nQuiet.\n",
      "Knowledge/silence.md:1: error: expected front matter: the first line must be '---'"),
    BadFile(
      "front matter not closed", text: "---\nid: silence\ntitle: Silence\n\n## Answer\nQuiet.\n",
      "Knowledge/silence.md:1: error: front matter is not closed: no second '---' line"),
    BadFile(
      "invalid YAML", replacing: "title: Silence", with: "title: [Silence",
      "Knowledge/silence.md:4: error: front matter is not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"),
    BadFile(
      "a key twice", replacing: "title: Silence", with: "title: Silence\ntitle: Quiet",
      "Knowledge/silence.md:4: error: key 'title' appears twice"),
    BadFile(
      "unknown key", replacing: "title: Silence", with: "title: Silence\nauthor: me",
      "Knowledge/silence.md:4: error: unknown key 'author' (expected one of: covers, examples, id, keywords, kind, related, sources, title)"),
    BadFile(
      "unknown kind", replacing: "kind: sign", with: "kind: behaviour",
      "Knowledge/silence.md:4: error: unknown kind 'behaviour' (expected one of: \(Intent.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"),
    BadFile(
      "missing title", replacing: "title: Silence\n", with: "",
      "Knowledge/silence.md:10: error: missing required key 'title'"),
    BadFile(
      "missing sources", replacing: "sources:\n  - \"Client resistance FAQ, red flags: No response\"\n", with: "",
      "Knowledge/silence.md:9: error: missing required key 'sources'"),
    BadFile(
      "empty title", replacing: "title: Silence", with: "title: \"\"",
      "Knowledge/silence.md:3: error: 'title' must be a non-empty text"),
    BadFile(
      "id does not match the file name", replacing: "id: silence", with: "id: quiet",
      "Knowledge/silence.md:2: error: id 'quiet' does not match the file name 'silence.md'"),
    BadFile(
      "id with capitals", replacing: "id: silence", with: "id: Silence",
      "Knowledge/silence.md:2: error: id 'Silence' must be lower-case letters, digits and '-', and not 'unknown'"),
    BadFile(
      "missing stage", replacing: "## Clarify\nDo: Ask about {their} silence.\nWhy: Find out what lies under it.\nSay: \"What would make talking easier?\"\n",
      with: "",
      "Knowledge/silence.md:4: error: kind 'sign' needs all five stages: missing '## Clarify'"),
    BadFile(
      "empty stage", replacing: "Do: Ask about {their} silence.\nWhy: Find out what lies under it.\nSay: \"What would make talking easier?\"\n",
      with: "",
      "Knowledge/silence.md:28: error: stage 'clarify' is empty"),
    BadFile(
      "stage without Say:", replacing: "Say: \"What would make talking easier?\"\n", with: "",
      "Knowledge/silence.md:28: error: stage 'clarify' has no 'Say:' line"),
    BadFile(
      "stage with an empty Why:", replacing: "Why: Find out what lies under it.", with: "Why:",
      "Knowledge/silence.md:28: error: stage 'clarify' has no 'Why:' line"),
    BadFile(
      "stage text without a label", replacing: "## Clarify\n", with: "## Clarify\nAsk first.\n",
      "Knowledge/silence.md:29: error: stage 'clarify': expected a 'Do:', 'Why:' or 'Say:' line"),
    BadFile(
      "no examples", replacing: "examples:\n  - says nothing\n  - \"she said \\\"whatever\\\" and went quiet\"", with: "examples: []",
      "Knowledge/silence.md:7: error: 'examples' is empty: give at least one item"),
    BadFile(
      "examples key with no value", replacing: "examples:\n  - says nothing\n  - \"she said \\\"whatever\\\" and went quiet\"", with: "examples:",
      "Knowledge/silence.md:7: error: 'examples' is empty: give at least one item"),
    BadFile(
      "examples not a list", replacing: "examples:\n  - says nothing\n  - \"she said \\\"whatever\\\" and went quiet\"", with: "examples: says nothing",
      "Knowledge/silence.md:7: error: 'examples' must be a list ('- item' lines or [a, b])"),
    BadFile(
      "unknown section", replacing: "## In practice", with: "## Notes",
      "Knowledge/silence.md:43: error: unknown section '## Notes' (expected Answer, Acknowledge, Validate, Clarify, Create buy-in, Make your case, Protocol, Protocol: CONCERN, Screen, In practice or Alongside)"),
    BadFile(
      "section twice", replacing: "## In practice", with: "## Answer",
      "Knowledge/silence.md:43: error: section '## Answer' appears twice"),
    BadFile(
      "missing answer", replacing: "## Answer\nSilence is an answer too;\nmeet it with patience.\n", with: "",
      "Knowledge/silence.md:14: error: missing section '## Answer'"),
    BadFile(
      "text before the first section", replacing: "---\n\n## Answer", with: "---\nstray words\n## Answer",
      "Knowledge/silence.md:12: error: text before the first '## ' section"),
    BadFile(
      "alongside on a sign", replacing: "## In practice", with: "## Alongside",
      "Knowledge/silence.md:43: error: only a situation has an '## Alongside' section"),
  ]

  @Test(arguments: badFiles) func badFileGivesExactMessage(_ bad: BadFile) {
    #expect(throws: KnowledgeErrors.self) { try KnowledgeParser.parse(bad.text, path: Self.path) }
    do {
      _ = try KnowledgeParser.parse(bad.text, path: Self.path)
    } catch {
      #expect(error.description == bad.message)
    }
  }

  @Test func safetyWithStagesListsEachStageAndTheMissingProtocol() {
    let text = Self.good.replacingOccurrences(of: "kind: sign", with: "kind: safety")
    #expect(throws: KnowledgeErrors.self) { try KnowledgeParser.parse(text, path: Self.path) }
    do {
      _ = try KnowledgeParser.parse(text, path: Self.path)
    } catch {
      #expect(
        error.description == """
          Knowledge/silence.md:17: error: a safety intent gives a protocol, not persuasion: remove '## Acknowledge'
          Knowledge/silence.md:23: error: a safety intent gives a protocol, not persuasion: remove '## Validate'
          Knowledge/silence.md:28: error: a safety intent gives a protocol, not persuasion: remove '## Clarify'
          Knowledge/silence.md:33: error: a safety intent gives a protocol, not persuasion: remove '## Create buy-in'
          Knowledge/silence.md:38: error: a safety intent gives a protocol, not persuasion: remove '## Make your case'
          Knowledge/silence.md:4: error: a safety intent needs a '## Protocol' section
          """)
    }
  }

  @Test func everyProblemOfAFileIsListed() {
    let text = Self.good
      .replacingOccurrences(of: "kind: sign", with: "kind: behaviour")
      .replacingOccurrences(of: "## In practice", with: "## Notes")
    do {
      _ = try KnowledgeParser.parse(text, path: Self.path)
      Issue.record("a file with two problems parsed")
    } catch {
      #expect(error.errors.count == 2)
      #expect(error.description.split(separator: "\n").allSatisfy { $0.hasPrefix("Knowledge/silence.md:") })
    }
  }

  @Test func emptyFrontMatterReportsEachRequiredKeyAtTheClosingLine() {
    do {
      _ = try KnowledgeParser.parse("---\n---\n## Answer\nQuiet.\n", path: Self.path)
      Issue.record("an empty front matter parsed")
    } catch {
      #expect(error.errors.first == .knowledge(path: Self.path, line: 2, message: "missing required key 'id'"))
    }
  }

  @Test func duplicateIDAcrossTwoFilesNamesBoth() {
    let other = Self.good.replacingOccurrences(of: "Silence is an answer too;", with: "Another take.")
    do {
      _ = try IntentTable(files: [("a/silence.md", Self.good), ("b/silence.md", other)])
      Issue.record("two files with one id made a table")
    } catch {
      #expect(error.description == "b/silence.md:2: error: duplicate id 'silence' (also in a/silence.md)")
    }
  }

  @Test func garbageNeverTraps() {
    let inputs = ["", "---", "---\n---", "---\n: :\n---", "---\n- a\n---", "---\nid: [\n---", "\u{0}\u{FFFF}", "---\nid: x\n---\n## \n"]
    for input in inputs {
      #expect(throws: KnowledgeErrors.self) { try KnowledgeParser.parse(input, path: "x.md") }
    }
  }
}
