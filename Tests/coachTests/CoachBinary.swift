import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The `coach` executable built next to these tests, run as a separate process the way a user
/// or a script runs it.
enum CoachBinary {
  /// What a run gave.
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The built executable: beside the test runner (the products folder of whatever scratch path
  /// `swift test` used), or under the package's default `.build` as a last resort.
  static let url: URL = {
    var folders: [URL] = []
    if let runner = Bundle.main.executableURL?.resolvingSymlinksInPath() { folders.append(runner.deletingLastPathComponent()) }
    folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      folders.append(bundle.bundleURL.deletingLastPathComponent())
    }
    folders.append(packageRoot.appendingPathComponent(".build/debug"))
    for folder in folders {
      let candidate = folder.appendingPathComponent("coach")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return folders[0].appendingPathComponent("coach")
  }()

  /// The package's root folder, found from this file's path.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// An environment without the user's terminal settings, so output does not depend on them.
  static func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()]
    environment.merge(extra) { $1 }
    return environment
  }

  /// Runs the executable with arguments and standard input, and waits for it to end.
  /// - Parameters:
  ///   - executable: another copy of the binary to run instead of the built one.
  ///   - directory: the working folder; the system's temporary folder by default, so nothing
  ///     in the source tree can be read by accident.
  static func run(
    _ arguments: [String] = [], input: String = "", environment extra: [String: String] = [:],
    executable: URL = url, directory: String = NSTemporaryDirectory()
  ) throws -> Output {
    try run(arguments, bytes: Data(input.utf8), environment: extra, executable: executable, directory: directory)
  }

  /// Runs the executable with standard input given as bytes, which need not be UTF-8.
  static func run(
    _ arguments: [String] = [], bytes: Data, environment extra: [String: String] = [:],
    executable: URL = url, directory: String = NSTemporaryDirectory()
  ) throws -> Output {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let stdin = folder.appendingPathComponent("stdin")
    let stdout = folder.appendingPathComponent("stdout")
    let stderr = folder.appendingPathComponent("stderr")
    try bytes.write(to: stdin)
    try Data().write(to: stdout)
    try Data().write(to: stderr)

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment(extra)
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.standardInput = try FileHandle(forReadingFrom: stdin)
    process.standardOutput = try FileHandle(forWritingTo: stdout)
    process.standardError = try FileHandle(forWritingTo: stderr)
    try process.run()
    return Output(
      status: wait(for: process),
      stdout: String(decoding: try Data(contentsOf: stdout), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: stderr), as: UTF8.self))
  }

  /// Waits for a child to end and returns its status; kills it if it has not ended within two
  /// minutes, a guard against a hung test rather than a measurement.
  static func wait(for process: Process) -> Int32 {
    let watchdog = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
    process.waitUntilExit()
    watchdog.cancel()
    return process.terminationStatus
  }
}
