import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Bad input gets a clear message, loses nothing and never crashes the built binary: broken
/// text, huge and many lines, terminal escapes, a closed pipe, signals, bad knowledge folders
/// and a `/save` that cannot be written.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self"), "runs children with Linux calls"))
struct BadInputTests {
  /// The built binary run as a child process, with what ``CoachBinary`` does not give: a
  /// standard input the test can keep open, a standard output it can close early, signals,
  /// and the child's peak memory.
  final class Child {
    /// How the child ended.
    struct Ending {
      /// The exit status, or nil when a signal ended it.
      var status: Int32?
      /// The signal that ended it, or nil.
      var signal: Int32?
      /// Its peak resident memory, in KiB.
      var peakKiB: Int
    }

    private(set) var pid: pid_t = 0
    /// The folder of its pipes and standard error, kept as long as the child.
    let folder: TemporaryFolder
    /// The write end of its standard input when the test feeds it, or -1.
    private(set) var input: Int32 = -1
    private(set) var output: Int32 = -1
    let errorPath: String
    /// What it has written to standard output so far.
    private(set) var stdout: [UInt8] = []

    /// Starts the binary with arguments. Standard input is the file `stdin`, or a pipe the
    /// test writes with ``send(_:)`` when nil; `shell` is a `sh -c` script that ends in
    /// `exec "$0" "$@"`, to set limits first.
    init(_ arguments: [String], stdin: String?, in folder: TemporaryFolder, shell: String? = nil) throws {
      // Named pipes rather than pipe(): their ends are opened close-on-exec at once, so no
      // child another test starts meanwhile can hold them open.
      self.folder = folder
      let name = folder.path + "/" + UUID().uuidString
      guard mkfifo(name + ".out", 0o600) == 0, stdin != nil || mkfifo(name + ".in", 0o600) == 0 else {
        throw POSIXError(.EEXIST)
      }
      output = open(name + ".out", O_RDONLY | O_NONBLOCK | O_CLOEXEC)
      if stdin == nil { input = open(name + ".in", O_RDWR | O_CLOEXEC) }
      errorPath = name + ".err"
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_addopen(&actions, 0, stdin ?? name + ".in", O_RDONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 1, name + ".out", O_WRONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      // Its own process group, default signal actions and no blocked signals, whatever the
      // test runner has set.
      var attributes = posix_spawnattr_t()
      posix_spawnattr_init(&attributes)
      defer { posix_spawnattr_destroy(&attributes) }
      var none = sigset_t()
      var all = sigset_t()
      sigemptyset(&none)
      sigfillset(&all)
      posix_spawnattr_setsigmask(&attributes, &none)
      posix_spawnattr_setsigdefault(&attributes, &all)
      posix_spawnattr_setpgroup(&attributes, 0)
      posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
      let binary = CoachBinary.url.path
      let argv = shell.map { ["/bin/sh", "-c", $0, binary] + arguments } ?? [binary] + arguments
      let environment = CoachBinary.environment().map { "\($0)=\($1)" }
      var pid: pid_t = 0
      let result = Self.withCStrings(argv) { argv in
        Self.withCStrings(environment) { envp in
          posix_spawn(&pid, argv[0]!, &actions, &attributes, argv, envp)
        }
      }
      guard output >= 0, stdin != nil || input >= 0, result == 0 else {
        throw POSIXError(POSIXErrorCode(rawValue: result) ?? .ENOEXEC)
      }
      self.pid = pid
    }

    deinit {
      if input >= 0 { close(input) }
      if output >= 0 { close(output) }
      unlink(errorPath)
    }

    static func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
      let pointers = strings.map { strdup($0) } + [nil]
      defer { pointers.forEach { free($0) } }
      return body(pointers)
    }

    /// Writes to its standard input.
    func send(_ text: String) {
      let bytes = Array(text.utf8)
      var written = 0
      while written < bytes.count {
        let count = bytes[written...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
        if count <= 0 { return }
        written += count
      }
    }

    /// Closes its standard input: the end of input.
    func endInput() {
      if input >= 0 { close(input) }
      input = -1
    }

    /// Reads its standard output until `done` holds for what was read, the output ends, or a
    /// generous deadline passes (a guard against hanging, not a measurement).
    func read(until done: ([UInt8]) -> Bool = { _ in false }, deadline seconds: Double = 300) {
      let end = Date().addingTimeInterval(seconds)
      var buffer = [UInt8](repeating: 0, count: 1 << 16)
      while output >= 0, !done(stdout), Date() < end {
        var poller = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 200) >= 0 else { return }
        guard poller.revents != 0 else { continue }
        let count = Glibc.read(output, &buffer, buffer.count)
        if count < 0, errno == EAGAIN || errno == EINTR { continue }
        if count <= 0 { return }
        stdout += buffer[0..<count]
      }
    }

    /// Closes the reading end of its standard output, as `head` does when it has enough.
    func closeOutput() {
      close(output)
      output = -1
    }

    /// Reads the rest of its output and waits for it to end; kills it after a deadline.
    func wait(deadline seconds: Double = 300) -> Ending {
      read(deadline: seconds)
      let end = Date().addingTimeInterval(seconds)
      var status: Int32 = 0
      var usage = rusage()
      while wait4(pid, &status, WNOHANG, &usage) == 0 {
        if Date() > end { kill(pid, SIGKILL) }
        usleep(10_000)
      }
      let signal = status & 0x7F
      return Ending(status: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal, peakKiB: usage.ru_maxrss)
    }

    /// What it wrote to standard error.
    var stderr: String {
      FileManager.default.contents(atPath: errorPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Its standard output as lines, each parsed as a JSON object (nil for a line that is not).
    var objects: [[String: Any]?] {
      stdout.split(separator: 10).map { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
    }
  }

  /// Runs the binary on standard input given as bytes, to its end.
  static func run(
    bytes: [UInt8], arguments: [String] = ["--json"], shell: String? = nil
  ) throws -> (child: Child, ending: Child.Ending) {
    let folder = try TemporaryFolder()
    let stdin = folder.path + "/stdin"
    _ = FileManager.default.createFile(atPath: stdin, contents: Data(bytes))
    let child = try Child(arguments, stdin: stdin, in: folder, shell: shell)
    return (child, child.wait())
  }

  /// Runs the binary on standard input given as text, to its end.
  static func run(
    _ text: String, arguments: [String] = ["--json"], shell: String? = nil
  ) throws -> (child: Child, ending: Child.Ending) {
    try run(bytes: Array(text.utf8), arguments: arguments, shell: shell)
  }

  // MARK: Broken text

  @Test func invalidUTF8IsNamedByLineAndTheLineStillAnswered() throws {
    let bytes = Array("he argues with everything\n".utf8) + [0x73, 0x68, 0x65, 0x20, 0xFF, 0xC3, 0x28, 0x20] + Array("shrugs\n".utf8)
    let (child, ending) = try Self.run(bytes: bytes)
    #expect(ending.status == 0)
    #expect(child.stderr == "stdin:2: warning: invalid UTF-8; unreadable bytes were replaced with \u{FFFD}\n")
    #expect(child.objects.map { $0?["input"] as? String } == ["he argues with everything", "she \u{FFFD}\u{FFFD}( shrugs"])
    #expect(child.objects.allSatisfy { $0?["intent"] != nil }, "both are answered")
  }

  @Test func nulBytesAreDroppedAndNeverWritten() throws {
    let (child, ending) = try Self.run("she\0 just shrugs\n\0\0\0\n\0\n")
    #expect(ending.status == 0)
    #expect(child.stderr == "")
    #expect(child.objects.map { $0?["input"] as? String } == ["she just shrugs"], "a line of NULs is blank")
    #expect(!child.stdout.contains(0))
  }

  /// A line of 10 MiB of `€` (three bytes each, so the 64 KiB cut falls inside one) is read
  /// up to the cut without a false invalid-UTF-8 warning, and the rest is skipped without
  /// being held: the peak memory is that of a small run plus far less than the line.
  @Test func aTenMiBLineIsCutWithAWarningInBoundedMemory() throws {
    let length = 10 * 1024 * 1024 - 1
    let line = Array(String(repeating: "€", count: length / 3).utf8)
    let (child, ending) = try Self.run(bytes: line + Array("\nhe argues with everything\n".utf8))
    let small = try Self.run("he argues with everything\n").ending
    #expect(ending.status == 0)
    #expect(child.stderr == "stdin:1: warning: line is \(length) bytes long; only the first \(65535) were read\n")
    let inputs = child.objects.map { $0?["input"] as? String }
    #expect(inputs.count == 2)
    #expect(inputs.first??.unicodeScalars.count == 65535 / 3)
    #expect(inputs.last == "he argues with everything")
    #expect(ending.peakKiB < small.peakKiB + 8 * 1024, "peak \(ending.peakKiB) KiB against \(small.peakKiB) KiB")
  }

  /// Every line of 100,000 is answered, in order. Most are a cheap command, so the test
  /// spends its time on reading and writing rather than on matching.
  @Test func aHundredThousandLinesAreAllAnswered() throws {
    let lines = (0..<100_000).map { $0 % 100 == 0 ? "she shrugs and says nothing, line \($0)" : "/why" }
    let (child, ending) = try Self.run(lines.joined(separator: "\n") + "\n")
    #expect(ending.status == 0)
    #expect(child.stderr == "")
    let objects = child.objects
    #expect(objects.count == 100_000)
    #expect(objects.map { $0?["input"] as? String } == lines, "each answer names its line, in order")
  }

  /// One input, the lines it holds, and what the JSON answers give as their inputs.
  struct LineEnds: Sendable, CustomTestStringConvertible {
    var name: String
    var input: String
    var inputs: [String]
    var testDescription: String { name }
  }

  @Test(arguments: [
    LineEnds(name: "CR-LF line ends", input: "he argues\r\nshe shrugs\r\n", inputs: ["he argues", "she shrugs"]),
    LineEnds(name: "a last line without a newline", input: "he argues\nshe shrugs", inputs: ["he argues", "she shrugs"]),
    LineEnds(name: "CR-LF and a last line without one", input: "he argues\r\nshe shrugs\r", inputs: ["he argues", "she shrugs"]),
    LineEnds(name: "only blank lines", input: "\n\n   \n\t\n\r\n \r\n", inputs: []),
    LineEnds(name: "empty standard input", input: "", inputs: []),
  ])
  func lineEnds(_ example: LineEnds) throws {
    let (child, ending) = try Self.run(example.input)
    #expect(ending.status == 0)
    #expect(child.stderr == "")
    #expect(child.objects.map { $0?["input"] as? String } == example.inputs)
    if example.inputs.isEmpty { #expect(child.stdout.isEmpty) }
    let text = try Self.run(example.input, arguments: [])
    #expect(text.ending.status == 0)
    #expect(text.child.stdout.isEmpty == example.inputs.isEmpty)
  }

  // MARK: Terminal escapes

  /// Escapes typed or piped in (a title change, colours, clear screen, C1 controls, a device
  /// control string, a bidi override) come back in neither the text nor the JSON.
  @Test(arguments: [[], ["--json"]])
  func terminalEscapesAreNeverEchoed(_ arguments: [String]) throws {
    let lines = [
      "\u{1B}]0;owned\u{07}she \u{1B}[31mshrugs\u{1B}[0m and says nothing",
      "\u{9B}2J he argues \u{1B}P+q544e\u{1B}\\ with everything",
      "\u{202E}gnihton syas",
      "/show \u{1B}[2Jno-response",
      "/\u{1B}[31mx",
      "/save /nonexistent-coach-folder/\u{1B}[31mx.md",
      "/stage \u{1B}[1mnowhere",
    ]
    let (child, ending) = try Self.run(lines.joined(separator: "\n") + "\n", arguments: arguments)
    #expect(ending.status == 0)
    let controls = child.stdout.filter { $0 < 0x20 && $0 != 10 || $0 == 0x7F }
    #expect(controls.isEmpty, "control bytes in the output: \(Set(controls).sorted())")
    let text = String(decoding: child.stdout, as: UTF8.self)
    let c1 = text.unicodeScalars.filter { (0x80...0x9F).contains($0.value) || $0 == "\u{202E}" }
    #expect(c1.isEmpty, "C1 controls or a bidi override in the output")
    #expect(!child.stderr.unicodeScalars.contains { $0 == "\u{1B}" || (0x80...0x9F).contains($0.value) })
    if arguments == ["--json"] {
      #expect(child.objects.count == lines.count)
      #expect(child.objects.allSatisfy { $0 != nil }, "every line is JSON")
    }
  }

  // MARK: A closed pipe and signals

  /// `coach < big.txt | head -1`: the reader goes away; the coach leaves quietly.
  @Test func aClosedPipeEndsQuietly() throws {
    let folder = try TemporaryFolder()
    let input = folder.path + "/big.txt"
    let lines = String(repeating: "she shrugs and says nothing\n", count: 2000)
    _ = FileManager.default.createFile(atPath: input, contents: Data(lines.utf8))
    let child = try Child([], stdin: input, in: folder)
    child.read(until: { $0.contains(10) })
    child.closeOutput()
    let ending = child.wait()
    #expect(ending.status == 0 || ending.signal == SIGPIPE, "ended with \(String(describing: ending))")
    #expect(child.stderr == "")
  }

  /// Ctrl-C (SIGINT) or SIGTERM while the coach waits for the next line: the answers given
  /// are all written, nothing is said on stderr, and the status is 128 + the signal.
  @Test(arguments: [SIGINT, SIGTERM])
  func aSignalWhileWaitingForInputExitsQuietly(_ signal: Int32) throws {
    let folder = try TemporaryFolder()
    let child = try Child(["--json"], stdin: nil, in: folder)
    child.send("she shrugs and says nothing\nhe argues")
    child.read(until: { $0.last == 10 })
    kill(child.pid, signal)
    let ending = child.wait()
    #expect(ending.status == 128 + signal)
    #expect(child.stderr == "")
    #expect(child.objects.map { $0?["input"] as? String } == ["she shrugs and says nothing"])
  }

  /// The settings of a terminal that matter for leaving it usable: the four flag words and
  /// the control characters.
  static func settings(_ descriptor: Int32) -> [UInt] {
    var settings = termios()
    tcgetattr(descriptor, &settings)
    let flags = [settings.c_iflag, settings.c_oflag, settings.c_cflag, settings.c_lflag].map { UInt($0) }
    return flags + withUnsafeBytes(of: settings.c_cc) { $0.map { UInt($0) } }
  }

  /// Whether the output leaves bracketed paste off: the last paste-mode sequence, if any,
  /// turns it off.
  static func pasteModeOff(_ output: String) -> Bool {
    guard let last = output.ranges(of: "\u{1B}[?2004").last else { return true }
    return output[last.upperBound...].hasPrefix("l")
  }

  /// Waits for a chat to end, and kills it if it has not ended by a generous deadline.
  static func finish(_ process: Process) -> Int32 {
    let end = Date().addingTimeInterval(120)
    while process.isRunning, Date() < end { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Waits until the chat is blocked reading its terminal (`/proc/PID/syscall` shows `read` on
  /// descriptor 0), so a signal sent next interrupts that read rather than racing with
  /// libedit's redisplay.
  static func waitUntilReading(_ process: Process) {
    #if arch(x86_64)
      let read = "0 0x0 "
    #else
      let read = "63 0x0 "
    #endif
    let end = Date().addingTimeInterval(60)
    while process.isRunning, Date() < end {
      let syscall = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/syscall", encoding: .utf8)
      if syscall?.hasPrefix(read) == true { return }
      usleep(5_000)
    }
  }

  /// Starts a chat, types half a line, and sends a signal once the chat waits for the rest.
  /// Returns the chat and the terminal's settings from before it started.
  static func interruptTyping(with signal: Int32) throws -> (Process, REPLTests.PseudoTerminal, before: [UInt]) {
    // The settings are read before the chat starts: it puts libedit's in place within a couple
    // of milliseconds, sooner than this thread could be sure to read them after starting it.
    var before: [UInt] = []
    let (process, terminal) = try REPLTests.start { before = Self.settings($0.device.fileDescriptor) }
    terminal.read(until: "› ")
    terminal.type("she shr")
    terminal.read(until: "she shr")
    Self.waitUntilReading(process)
    kill(process.processIdentifier, signal)
    return (process, terminal, before)
  }

  /// SIGTERM in the chat: libedit puts the terminal's settings back, and the coach turns
  /// bracketed paste off, before the signal ends it.
  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/ptmx")))
  func sigtermInTheChatRestoresTheTerminal() throws {
    let (process, terminal, before) = try Self.interruptTyping(with: SIGTERM)
    let status = Self.finish(process)
    let output = terminal.read(until: nil, deadline: 2)
    #expect(process.terminationReason == .uncaughtSignal && status == SIGTERM)
    #expect(Self.settings(terminal.device.fileDescriptor) == before, "stty settings as before")
    #expect(Self.pasteModeOff(output))
  }

  /// Ctrl-C in the chat clears the line and the chat goes on; leaving restores the terminal.
  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/ptmx")))
  func sigintInTheChatClearsTheLineAndGoesOn() throws {
    let (process, terminal, before) = try Self.interruptTyping(with: SIGINT)
    terminal.read(until: "line cleared")
    terminal.type("he argues with everything\r")
    terminal.read(until: "Arguing")
    terminal.type("/quit\r")
    let status = Self.finish(process)
    let output = terminal.read(until: nil, deadline: 2)
    #expect(status == 0)
    #expect(output.contains("Arguing"), "the next line is answered")
    #expect(!output.contains("she shrhe argues"), "the interrupted line was cleared")
    #expect(Self.settings(terminal.device.fileDescriptor) == before)
    #expect(Self.pasteModeOff(output))
  }

  // MARK: /save

  /// A consult whose transcript is well over the one-block (512- or 1024-byte) size limit the
  /// save tests set, whatever the transcript keeps of the answers.
  static let consult = String(repeating: "she shrugs and says nothing, ", count: 40) + "\n"

  /// A `/save` killed mid-write (SIGXFSZ, from a file size limit of one block) leaves the old
  /// file as it was and no partial file beside it.
  @Test func aSaveKilledMidWriteLeavesTheOldFile() throws {
    let folder = try TemporaryFolder()
    try folder.write("the old consult\n", to: "consult.md")
    let (_, ending) = try Self.run(Self.consult + "/save! \(folder.path)/consult.md\n", arguments: [], shell: "ulimit -f 1; exec \"$0\" \"$@\"")
    #expect(ending.signal == SIGXFSZ)
    #expect(FileManager.default.contents(atPath: folder.path + "/consult.md") == Data("the old consult\n".utf8))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["consult.md"])
  }

  /// A `/save` that fails (a missing folder, a folder that takes no files, a write refused by
  /// a size limit) says why, keeps the old file, and the consult goes on.
  @Test func aSaveThatFailsSaysWhyAndTheConsultGoesOn() throws {
    let folder = try TemporaryFolder()
    try folder.write("the old consult\n", to: "consult.md")
    let saves = [
      "/save /nonexistent-coach-folder/consult.md", "/save /sys/consult.md", "/save! \(folder.path)/consult.md",
    ]
    let input = Self.consult + saves.joined(separator: "\n") + "\nhe argues with everything\n"
    let (child, ending) = try Self.run(input, shell: "ulimit -f 1; trap '' XFSZ; exec \"$0\" \"$@\"")
    #expect(ending.status == 0)
    let objects = child.objects
    #expect(objects.count == 5)
    let outputs = objects.dropFirst().prefix(3).map { $0?["output"] as? String ?? "" }
    #expect(outputs[0].contains("error: cannot write: the folder '/nonexistent-coach-folder' does not exist"))
    #expect(outputs[1].contains("error: cannot write: "))
    #expect(outputs[2].contains("error: cannot write: the file is too large"))
    #expect(objects.last??["input"] as? String == "he argues with everything")
    #expect(objects.last??["intent"] != nil, "the next line is answered")
    #expect(FileManager.default.contents(atPath: folder.path + "/consult.md") == Data("the old consult\n".utf8))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["consult.md"])
  }

  // MARK: --knowledge

  /// A knowledge folder with one file, and the run of the binary on it.
  static func knowledge(_ make: (TemporaryFolder) throws -> Void) throws -> (folder: TemporaryFolder, run: CoachBinary.Output) {
    let folder = try TemporaryFolder()
    try make(folder)
    return (folder, try CoachBinary.run(["--knowledge", folder.path], input: Self.consult))
  }

  @Test func aMissingKnowledgeFolderIs66() throws {
    let run = try CoachBinary.run(["--knowledge", "/nonexistent-coach-knowledge"], input: Self.consult)
    #expect(run.status == 66)
    #expect(run.stderr == "/nonexistent-coach-knowledge: error: no such file or folder\n")
    #expect(run.stdout == "")
  }

  @Test func aKnowledgeFileThatIsNotUTF8Is65WithItsLine() throws {
    let (folder, run) = try Self.knowledge { folder in
      let bytes = Array("---\nid: broken\ntitle: Broken ".utf8) + [0xFF] + Array("\n---\n".utf8)
      _ = FileManager.default.createFile(atPath: folder.path + "/broken.md", contents: Data(bytes))
    }
    #expect(run.status == 65)
    #expect(run.stderr == "\(folder.path)/broken.md:3: error: not valid UTF-8 text\n")
    #expect(run.stdout == "")
  }

  /// Tests run as root, whom `chmod 000` does not stop, so the unreadable files are ones no
  /// one can read: a link to nothing, and a folder with a knowledge file's name.
  @Test func anUnreadableKnowledgeFileIs65AndSaysWhy() throws {
    let (dangling, link) = try Self.knowledge { folder in
      try FileManager.default.createSymbolicLink(atPath: folder.path + "/gone.md", withDestinationPath: folder.path + "/nowhere.md")
    }
    #expect(link.status == 65)
    #expect(link.stderr.hasPrefix("\(dangling.path)/gone.md: error: "))
    let (named, folder) = try Self.knowledge { folder in
      try FileManager.default.createDirectory(atPath: folder.path + "/odd.md", withIntermediateDirectories: false)
    }
    #expect(folder.status == 65)
    #expect(folder.stderr.hasPrefix("\(named.path)/odd.md: error: "))
    #expect(link.stderr.contains("a link to '\(dangling.path)/nowhere.md', which does not exist"))
    #expect(folder.stderr.contains("it is a folder, not a file"))
  }

  /// Two `--knowledge` folders that both define an id.
  @Test func aDuplicateIDIs65() throws {
    let first = try TemporaryFolder()
    let second = try TemporaryFolder()
    let intent = try String(contentsOfFile: CoachBinary.packageRoot.path + "/Knowledge/no-response.md", encoding: .utf8)
    try first.write(intent, to: "no-response.md")
    try second.write(intent, to: "no-response.md")
    let run = try CoachBinary.run(["--knowledge", first.path, "--knowledge", second.path], input: Self.consult)
    #expect(run.status == 65)
    #expect(run.stderr.contains("\(second.path)/no-response.md:2: error: duplicate id 'no-response' (also in \(first.path)/no-response.md)"))
    #expect(run.stdout.isEmpty)
  }
}

