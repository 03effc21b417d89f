import Foundation
import Testing

@testable import CoachKit
import CoachKnowledge

@Suite struct EvaluationTests {
  /// The project's labelled sets, next to this file's folder.
  static func fixture(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures").appendingPathComponent(name)
    return try String(contentsOf: url, encoding: .utf8)
  }

  static func evaluationSet(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Evaluation").appendingPathComponent(name)
    return try String(contentsOf: url, encoding: .utf8)
  }

  static let coach = try! Coach.load()

  @Test func readsLabelledLinesAndRejectsBadOnes() throws {
    let samples = try Evaluation.samples(from: "{\"text\": \"hi\", \"accept\": [\"unknown\"]}\n\n{\"text\": \"x\", \"accept\": [\"a\", \"b\"]}\n", path: "set.jsonl")
    #expect(samples.count == 2)
    #expect(samples[1].accept == ["a", "b"])
    #expect(samples[1].line == 3)
    #expect(throws: CoachError.knowledge(path: "set.jsonl", line: 1, message: "expected {\"text\": \"...\", \"accept\": [\"id\", ...]}")) {
      try Evaluation.samples(from: "{\"text\": 3}\n", path: "set.jsonl")
    }
  }

  @Test func computesTheFigures() throws {
    let samples = try Evaluation.samples(
      from: """
        {"text": "she just shrugs and says nothing", "accept": ["no-response"]}
        {"text": "he is always on his phone in session", "accept": ["inattention"]}
        {"text": "he is always on his phone in session", "accept": ["hostility"]}
        {"text": "what's the weather in lisbon", "accept": ["unknown"]}
        {"text": "she says she wants to kill herself", "accept": ["safety-risk"]}
        """, path: "inline")
    let evaluation = Evaluation(samples: samples, matcher: Self.coach.matcher)
    #expect(evaluation.accuracy == 3.0 / 4.0)
    #expect(evaluation.rejection == 1)
    #expect(evaluation.riskRecall == 1)
    #expect(evaluation.errors.count == 1)
    #expect(evaluation.confusions().first?.expected == "hostility")
    #expect(evaluation.confusions().first?.answered == "inattention")
    let hostility = evaluation.perIntent.first { $0.intent == "hostility" }
    #expect(hostility?.recall == 0)
    #expect(evaluation.report().contains("hostility → inattention"))
  }

  static func projectSet() throws -> Evaluation {
    let samples = try Evaluation.samples(from: fixture("labelled.jsonl"), path: "labelled.jsonl")
    return Evaluation(samples: samples, matcher: coach.matcher)
  }

  /// What the matcher reaches today on the project's own set (written as users type, never
  /// copied from the knowledge's examples): a fall below these is a regression.
  @Test func holdsItsMeasuredLevelOnTheProjectsSet() throws {
    let evaluation = try Self.projectSet()
    #expect(evaluation.outcomes.count >= 400)
    #expect(evaluation.accuracy >= 0.89, "\(evaluation.report())")
    #expect(evaluation.rejection >= 0.90)
    #expect(evaluation.acceptance >= 0.95)
    #expect(evaluation.riskRecall == 1)
    // Issue 12's floor for ordinary lines: at most 1% answered with a safety screen. (The one
    // today, "the mom keeps saying she has no choice", is a `possible` screen on feeling
    // trapped, which the classifier learned from the writers' examples.)
    let ordinary = evaluation.outcomes.filter { !$0.sample.isRisk }.count
    #expect(Double(evaluation.falseAlarms.count) <= 0.01 * Double(ordinary), "\(evaluation.falseAlarms.map(\.sample.text))")
  }

  /// The floors of issue 3.
  @Test func reachesTheFloorsOfIssue3() throws {
    let evaluation = try Self.projectSet()
    #expect(evaluation.accuracy >= 0.92, "\(evaluation.report())")
    #expect(evaluation.rejection >= 0.90)
    #expect(evaluation.acceptance >= 0.95)
    #expect(evaluation.riskRecall == 1)
  }

  @Test func everyRiskLineIsRoutedToSafety() throws {
    let samples = try Evaluation.samples(from: Self.fixture("risk.jsonl"), path: "risk.jsonl")
    #expect(samples.filter(\.isRisk).count >= 40)
    let evaluation = Evaluation(samples: samples, matcher: Self.coach.matcher)
    #expect(evaluation.riskRecall == 1, "\(evaluation.errors.map(\.sample.text))")
    #expect(evaluation.falseAlarms.isEmpty, "\(evaluation.falseAlarms.map(\.sample.text))")
  }

  @Test func noTestLineCopiesAKnowledgeExample() throws {
    func key(_ text: String) -> String { TextAnalyzer.analyze(text).map(\.word).joined(separator: " ") }
    let examples = Set(Self.coach.table.intents.flatMap { $0.examples + $0.keywords }.map(key))
    for name in ["labelled.jsonl", "risk.jsonl"] {
      for sample in try Evaluation.samples(from: Self.fixture(name), path: name) {
        let copied = examples.contains(key(sample.text))
        #expect(!copied, "\(name):\(sample.line) equals a knowledge example: \(sample.text)")
      }
    }
  }

  /// The sets written by writers outside the examples' (Tests/Evaluation) cover every intent.
  @Test func theSetsCoverEveryIntent() throws {
    var samples: [Evaluation.Sample] = []
    for name in ["dev-social-worker.jsonl", "test-sud-university.jsonl"] {
      samples += try Evaluation.samples(from: Self.evaluationSet(name), path: name)
    }
    for intent in Self.coach.table.intents where intent.kind != .noise {
      #expect(samples.filter { $0.accept.first == intent.id }.count >= 10, "\(intent.id)")
    }
    #expect(samples.filter { !$0.inScope }.count >= 100)
    #expect(samples.filter(\.isRisk).count >= 200)
  }
}
