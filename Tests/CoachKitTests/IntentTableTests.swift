import Foundation
import Testing

@testable import CoachKit
import CoachKnowledge

/// The embedded table: every file of `Knowledge/` is in it, every catalog id is there with
/// complete guidance, and a folder added at run time adds and replaces intents.
@Suite struct IntentTableTests {
  /// The ids of `intent-catalog.md`: the public interface, so they are written out here.
  static let catalog: [String: Intent.Kind] = [
    "discounting": .sign, "hostility": .sign, "arguing": .sign, "interrupting": .sign, "denial": .sign,
    "pessimism": .sign, "inattention": .sign, "nonanswer": .sign, "no-response": .sign, "sidetracking": .sign,
    "mandated-client": .situation, "reluctant-client": .situation, "rejects-advice": .situation,
    "guarded-client": .situation, "crying-client": .situation, "building-rapport": .situation,
    "clinician-frustration": .self, "clinician-attachment": .self, "googling-client": .self, "own-resistance": .self,
    "what-is-resistance": .concept, "reluctance-vs-resistance": .concept, "mi-principles": .concept,
    "rolling-with-resistance": .concept, "red-flags": .concept, "overcoming-resistance": .concept,
    "difficult-client": .concept,
    "safety-risk": .safety,
  ]

  /// `Knowledge/` in the source tree, next to `Tests/`.
  static let knowledgeFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Knowledge").path

  @Test func catalogHasTwentyEightIDs() {
    #expect(Self.catalog.count == 28)
  }

  @Test func everyFileOfKnowledgeIsEmbedded() throws {
    let onDisk = try IntentTable.files(in: Self.knowledgeFolder)
      .map { (name: ($0.path as NSString).lastPathComponent, text: $0.text) }
    let embedded = IntentTable.embeddedFiles
    #expect(embedded.map(\.name) == onDisk.map(\.name))
    for (file, copy) in zip(onDisk, embedded) {
      #expect(file.text == copy.text, "\(file.name) differs from its embedded copy")
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.knowledgeFolder).filter { !$0.hasPrefix(".") }
    #expect(Set(names) == Set(embedded.map(\.name)), "Knowledge/ holds a file that is neither .md nor .txt, or one is missing")
  }

  @Test func embeddedTableLoadsWithValidReferences() throws {
    let table = try IntentTable.embedded()
    try table.checkReferences()
    #expect(table.intents.map(\.id) == table.intents.map(\.id).sorted())
  }

  @Test func everyCatalogIDIsThereWithItsKind() throws {
    let table = try IntentTable.embedded()
    for (id, kind) in Self.catalog {
      let intent = try #require(table[id], "catalog id '\(id)' is missing")
      #expect(intent.kind == kind, "\(id)")
      #expect(intent.path == "Knowledge/\(id).md")
      #expect(!intent.title.isEmpty)
      #expect(!intent.guidance.answer.isEmpty, "\(id) has no answer")
      #expect(intent.sources.first?.contains("FAQ") == true, "\(id): the first source must be the FAQ section")
    }
  }

  @Test func everyIntentHasTwelveDistinctExamples() throws {
    for intent in try IntentTable.embedded().intents {
      #expect(intent.examples.count >= 12, "\(intent.id) has \(intent.examples.count) examples")
      #expect(Set(intent.examples.map { $0.lowercased() }).count == intent.examples.count, "\(intent.id) repeats an example")
    }
  }

  @Test func signsAndSituationsHaveFiveCompleteStages() throws {
    let table = try IntentTable.embedded()
    for intent in table.intents where intent.kind == .sign || intent.kind == .situation {
      #expect(intent.guidance.stages.map(\.name) == Guidance.Stage.Name.allCases, "\(intent.id)")
      for stage in intent.guidance.stages {
        #expect(!stage.action.isEmpty && !stage.why.isEmpty && !stage.say.isEmpty, "\(intent.id) \(stage.name)")
      }
      #expect(intent.guidance.protocolSteps.isEmpty, "\(intent.id)")
    }
  }

  @Test func safetyRiskHasAProtocolAndNoStages() throws {
    let intent = try #require(try IntentTable.embedded()["safety-risk"])
    #expect(intent.guidance.stages.isEmpty)
    #expect(intent.guidance.protocolSteps.count >= 3)
  }

  @Test func everySourceSectionIsCovered() throws {
    let table = try IntentTable.embedded()
    #expect(table.sourceSections.count == 15)
    #expect(table.sourceSections.first == "What Is Client Resistance In Therapy?")
    for (section, intents) in table.coverage() {
      #expect(!intents.isEmpty, "no intent covers '\(section)'")
    }
  }

  @Test func relatedIDsNameOtherIntents() throws {
    let table = try IntentTable.embedded()
    for intent in table.intents {
      for id in intent.related {
        #expect(table[id] != nil, "\(intent.id) relates to unknown '\(id)'")
        #expect(id != intent.id, "\(intent.id) relates to itself")
      }
    }
  }

  @Test func unknownRelatedIDIsReported() throws {
    let text = KnowledgeParserTests.good.replacingOccurrences(of: "related: [hostility]", with: "related: [nowhere]")
    let table = try IntentTable(files: [("k/silence.md", text)])
    #expect(throws: KnowledgeErrors.self) { try table.checkReferences() }
    do {
      try table.checkReferences()
    } catch {
      #expect(error.description == "k/silence.md:1: error: related id 'nowhere' is not an intent")
    }
  }

  @Test func folderAddsAndReplacesIntents() throws {
    let folder = try TemporaryFolder()
    let silence = KnowledgeParserTests.good
    let replacement = try #require(IntentTable.embeddedFiles.first { $0.name == "hostility.md" }).text
      .replacingOccurrences(of: "title: Hostility", with: "title: Open hostility")
    try folder.write(silence, to: "silence.md")
    try folder.write(replacement, to: "hostility.md")
    try folder.write("ignored", to: "notes.json")

    let coach = try Coach.load(adding: [folder.path])
    let embedded = try IntentTable.embedded()
    #expect(coach.table.intents.count == embedded.intents.count + 1)
    #expect(coach.table["silence"]?.path == folder.path + "/silence.md")
    #expect(coach.table["hostility"]?.title == "Open hostility")
    #expect(coach.table["no-response"] == embedded["no-response"])
  }

  @Test func badFileInAFolderStopsLoading() throws {
    let folder = try TemporaryFolder()
    try folder.write(KnowledgeParserTests.good.replacingOccurrences(of: "kind: sign", with: "kind: mood"), to: "silence.md")
    do {
      _ = try Coach.load(adding: [folder.path])
      Issue.record("a bad folder loaded")
    } catch {
      #expect(error.description.hasPrefix(folder.path + "/silence.md:4: error: unknown kind 'mood'"))
    }
  }

  @Test func missingFolderIsMissingInput() {
    do {
      _ = try Coach.load(adding: ["/nonexistent/knowledge"])
      Issue.record("a missing folder loaded")
    } catch {
      #expect(error.errors == [.missingInput(path: "/nonexistent/knowledge")])
    }
  }

  @Test func invalidUTF8IsReportedAtItsLine() throws {
    let folder = try TemporaryFolder()
    var bytes = Data("---\nid: silence\n".utf8)
    bytes.append(contentsOf: [0x74, 0xFF, 0x0A])
    try bytes.write(to: URL(fileURLWithPath: folder.path + "/silence.md"))
    #expect(throws: KnowledgeErrors.self) { try IntentTable.files(in: folder.path) }
    do {
      _ = try IntentTable.files(in: folder.path)
    } catch {
      #expect(error.description == folder.path + "/silence.md:3: error: not valid UTF-8 text")
    }
  }

  @Test func laterIntentReplacesEarlierOne() {
    let guidance = Guidance(answer: "a")
    let first = Intent(id: "x", title: "First", kind: .concept, examples: ["a"], guidance: guidance)
    let second = Intent(id: "x", title: "Second", kind: .concept, examples: ["b"], guidance: guidance)
    let table = IntentTable(intents: [first, second])
    #expect(table.intents.count == 1)
    #expect(table["x"]?.title == "Second")
    #expect(table["y"] == nil)
  }

  @Test func questionsAreShortLinesEndingWithAQuestionMark() {
    let text = "Question: What is it?\nAn answer.\nHow do you do it?\n\(String(repeating: "long ", count: 30))?\n"
    #expect(IntentTable.questions(in: text) == ["What is it?", "How do you do it?"])
  }
}
