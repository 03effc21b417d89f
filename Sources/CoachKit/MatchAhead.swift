#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Matches the lines a script sends on a second thread, ahead of the consultation that answers
/// them in order. A match is a pure function of the line, so the answer is the same whichever
/// thread computed it; a line read from standard input then costs the slower of the two
/// threads' halves of the work instead of both.
public final class MatchAhead: @unchecked Sendable {
  private let matcher: Matcher
  private let lock = Lock()
  /// Matches computed ahead, by text, with how many lines of that text they stand for.
  private var ready: [String: (match: Match, lines: Int)] = [:]
  private let worker = SerialWorker()
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
    worker.async { [self] in
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

/// Jobs run one after another on a thread of its own, started with the first: what a serial
/// `DispatchQueue` did here, without libdispatch, whose tables (130 KB the loader relocates)
/// every start of the coach paid for. The thread waits for work until the process ends.
final class SerialWorker: @unchecked Sendable {
  // A pthread mutex and condition must not move, so they live in memory of their own.
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var jobs: [@Sendable () -> Void] = []
  private var started = false

  init() {
    mutex.initialize(to: pthread_mutex_t())
    condition.initialize(to: pthread_cond_t())
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(condition, nil)
  }

  /// Runs a job after those given before it; runs it now, on this thread, if no thread can be
  /// started.
  func async(_ job: @escaping @Sendable () -> Void) {
    pthread_mutex_lock(mutex)
    jobs.append(job)
    if !started {
      started = true
      var thread = pthread_t()
      // The thread keeps the worker (and so its jobs) alive for the life of the process.
      let context = Unmanaged.passRetained(self).toOpaque()
      // `loop()` never returns, so the closure needs no return value of its own.
      if pthread_create(&thread, nil, { context in
        Unmanaged<SerialWorker>.fromOpaque(context!).takeUnretainedValue().loop()
      }, context) == 0 {
        pthread_detach(thread)
      } else {
        Unmanaged<SerialWorker>.fromOpaque(context).release()
        started = false
        let pending = jobs
        jobs = []
        pthread_mutex_unlock(mutex)
        for job in pending { job() }
        return
      }
    }
    pthread_cond_signal(condition)
    pthread_mutex_unlock(mutex)
  }

  private func loop() -> Never {
    while true {
      pthread_mutex_lock(mutex)
      while jobs.isEmpty { pthread_cond_wait(condition, mutex) }
      // All the jobs waiting, taken at once, each let go as soon as it has run: a job holds its
      // batch of lines, and a script's input may keep the queue from ever emptying.
      var batch = Array(jobs.reversed())
      jobs = []
      pthread_mutex_unlock(mutex)
      while let job = batch.popLast() { job() }
    }
  }
}
