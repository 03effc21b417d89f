import Dispatch

/// Matches the lines a script sends on a second thread, ahead of the consultation that answers
/// them in order. A match is a pure function of the line, so the answer is the same whichever
/// thread computed it; a line read from standard input then costs the slower of the two
/// threads' halves of the work instead of both.
public final class MatchAhead: @unchecked Sendable {
  private let matcher: Matcher
  private let lock = Lock()
  /// Matches computed ahead, by text, with how many lines of that text they stand for.
  private var ready: [String: (match: Match, lines: Int)] = [:]
  private let queue = DispatchQueue(label: "coach.match-ahead")
  /// The most texts held; lines the consultation never matches (follow-ups, commands inside a
  /// block) are let go all at once when the limit is reached.
  static let limit = 4096

  /// Matches ahead with this matcher.
  public init(matcher: Matcher) {
    self.matcher = matcher
  }

  /// Starts matching texts on the second thread, in the order given.
  public func prepare(_ texts: [String]) {
    guard !texts.isEmpty else { return }
    queue.async { [self] in
      for text in texts {
        let match = matcher.match(text)
        lock.withLock {
          if let entry = ready[text] {
            ready[text] = (entry.match, entry.lines + 1)
          } else {
            if ready.count >= Self.limit { ready.removeAll(keepingCapacity: true) }
            ready[text] = (match, 1)
          }
        }
      }
    }
  }

  /// The match of a text: the one computed ahead when it is ready, else computed now.
  public func match(_ text: String) -> Match {
    let found = lock.withLock { () -> Match? in
      guard let entry = ready[text] else { return nil }
      ready[text] = entry.lines > 1 ? (entry.match, entry.lines - 1) : nil
      return entry.match
    }
    return found ?? matcher.match(text)
  }
}
