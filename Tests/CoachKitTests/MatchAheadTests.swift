import Testing

#if canImport(Glibc)
  import Glibc
#endif

@testable import CoachKit
import CoachKnowledge

@Suite struct MatchAheadTests {
  static let coach = try! Coach.load()

  @Test func matchesAheadAreTheMatchesOfTheLines() throws {
    let lines = try Evaluation.samples(from: EvaluationTests.fixture("labelled.jsonl"), path: "labelled.jsonl").map(\.text).prefix(120)
    let ahead = MatchAhead(matcher: Self.coach.matcher)
    // Every line twice: a repeated line is matched ahead once for each time it comes.
    ahead.prepare(Array(lines + lines))
    for line in lines + lines {
      #expect(ahead.match(line) == Self.coach.matcher.match(line), "\(line)")
    }
  }

  @Test func aLineNotPreparedIsMatchedNow() {
    let ahead = MatchAhead(matcher: Self.coach.matcher)
    let line = "she just shrugs and says nothing"
    #expect(ahead.match(line) == Self.coach.matcher.match(line))
  }

  @Test func onlyDescriptionsAreHandedAhead() {
    #expect(Consultation.matchedText(of: "  she shrugs\t") == "she shrugs")
    #expect(Consultation.matchedText(of: "/next") == nil)
    #expect(Consultation.matchedText(of: "\"\"\"") == nil)
    #expect(Consultation.matchedText(of: "   ") == nil)
  }

  @Test func aConsultationAnswersTheSameWithMatchesAhead() throws {
    let lines = ["court-ordered, just shrugs and says nothing", "next", "why", "she said \"you don't even have kids\"", "/stage", "what do i say"]
    var plain = Consultation(coach: Self.coach, format: .json)
    var ahead = Consultation(coach: Self.coach, format: .json)
    ahead.matchAhead = MatchAhead(matcher: Self.coach.matcher)
    ahead.matchAhead?.prepare(lines.compactMap(Consultation.matchedText(of:)))
    for line in lines {
      #expect(ahead.handle(line).text == plain.handle(line).text, "\(line)")
    }
  }

  /// The worker runs jobs in order and lets go of each (and the lines it holds) once run, while
  /// later jobs are still waiting or running: a million lines on standard input must not pile up.
  @Test func workerRunsJobsInOrderAndLetsThemGo() {
    final class Held: @unchecked Sendable {}
    final class State: @unchecked Sendable {
      let lock = Lock()
      var order: [Int] = []
      var release = false
    }
    @Sendable func wait(for condition: () -> Bool) {
      var waited = 0
      while !condition(), waited < 400 {
        usleep(5_000)
        waited += 1
      }
    }
    let worker = SerialWorker()
    let state = State()
    let gate = State()
    weak var held: Held?
    // The worker busy first, so the jobs after queue up behind it.
    worker.async { wait { gate.lock.withLock { gate.release } } }
    do {
      let object = Held()
      held = object
      for number in 0..<20 { worker.async { _ = object; state.lock.withLock { state.order.append(number) } } }
    }
    // A job that runs until told to stop, with one more behind it: the queue is not empty.
    worker.async {
      state.lock.withLock { state.order.append(20) }
      wait { state.lock.withLock { state.release } }
    }
    worker.async { state.lock.withLock { state.order.append(21) } }
    gate.lock.withLock { gate.release = true }
    wait { state.lock.withLock { state.order.count } == 21 && held == nil }
    #expect(state.lock.withLock { state.order } == Array(0...20))
    #expect(held == nil, "jobs already run still hold what they captured")
    state.lock.withLock { state.release = true }
    wait { state.lock.withLock { state.order.count } == 22 }
    #expect(state.lock.withLock { state.order.last } == 21)
  }
}
