import Testing

@testable import CoachKit

@Suite struct MemoTests {
  @Test func computesAKeyOnceAndRemembersIt() {
    let memo = Memo<String, Int>()
    var calls = 0
    #expect(memo.value(for: "a") { calls += 1; return 1 } == 1)
    #expect(memo.value(for: "a") { calls += 1; return 2 } == 1)
    #expect(calls == 1)
  }

  @Test func pastItsLimitItComputesWithoutRemembering() {
    let memo = Memo<Int, Int>(limit: 2)
    var calls = 0
    for key in [1, 2, 3, 3] { _ = memo.value(for: key) { calls += 1; return key } }
    #expect(calls == 4)
    #expect(memo.value(for: 1) { -1 } == 1)
  }

  @Test func remembersANilAnswerToo() {
    let memo = Memo<String, Int?>()
    var calls = 0
    _ = memo.value(for: "x") { calls += 1; return nil }
    _ = memo.value(for: "x") { calls += 1; return nil }
    #expect(calls == 1)
  }
}
