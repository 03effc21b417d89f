/// All the intents the coach knows, read from the embedded `Knowledge/` and any folders the
/// user adds, with the source document they were written from.
public struct IntentTable: Sendable {
  /// The intents, in id order.
  public var intents: [Intent] { storage.all }
  /// The source document's questions, in document order.
  public private(set) var sourceSections: [String]
  /// Concept sets from `.lexicon` files.
  public var lexicon = Lexicon()
  /// Example lines of `.jsonl` files whose intent this table does not hold (a user's folder
  /// may add examples to a shipped intent): given to the intents when tables are added, and an
  /// error if none takes them (``checkReferences()``).
  var pendingExamples: [(path: String, line: ExampleFile.Line)] = []
  /// The concerns that writers named for risk examples, by example text: what the risk
  /// classifier learns concerns from when the binary is built (a snapshot does not keep them).
  var exampleConcerns: [String: [String]] = [:]
  private let storage: Storage

  /// The intents, or what they are read from: a table read from a snapshot reads an intent's
  /// examples and guidance the first time it is asked for, so a start-up that answers one line
  /// reads the few intents that answer needs (ids, kinds and example counts are read at once).
  enum Storage: Sendable {
    case intents([Intent])
    case snapshot(SnapshotIntents)

    var count: Int {
      switch self {
      case .intents(let intents): intents.count
      case .snapshot(let snapshot): snapshot.headers.count
      }
    }

    subscript(position: Int) -> Intent {
      switch self {
      case .intents(let intents): intents[position]
      case .snapshot(let snapshot): snapshot.intent(position)
      }
    }

    var all: [Intent] {
      switch self {
      case .intents(let intents): intents
      case .snapshot(let snapshot): (0..<snapshot.headers.count).map(snapshot.intent)
      }
    }
  }

  /// What is known of an intent without reading it whole.
  struct Header: Sendable {
    var id: String
    var kind: Intent.Kind
    var exampleCount: Int
    var keywordCount: Int
  }

  /// A snapshot's intents, each read once, when first asked for.
  final class SnapshotIntents: @unchecked Sendable {
    let headers: [Header]
    private let read: @Sendable (Int) -> Intent
    private let lock = Lock()
    private var cache: [Intent?]

    init(headers: [Header], read: @escaping @Sendable (Int) -> Intent) {
      self.headers = headers
      self.read = read
      cache = Array(repeating: nil, count: headers.count)
    }

    /// How many intents have been read so far.
    var readCount: Int { lock.withLock { cache.lazy.filter { $0 != nil }.count } }

    func intent(_ position: Int) -> Intent {
      if let intent = lock.withLock({ cache[position] }) { return intent }
      let intent = read(position)
      lock.withLock { cache[position] = intent }
      return intent
    }
  }

  /// Finds an intent by id.
  public subscript(id: String) -> Intent? {
    position(of: id).map { storage[$0] }
  }

  /// The kind of an intent, without copying the intent.
  public func kind(of id: String) -> Intent.Kind? {
    guard let position = position(of: id) else { return nil }
    return header(position).kind
  }

  /// Where an intent is: a binary search, the intents being in id order (a damaged snapshot's
  /// that are not can only be missed).
  private func position(of id: String) -> Int? {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if self.id(at: middle) < id { low = middle + 1 } else { high = middle }
    }
    return low < count && self.id(at: low) == id ? low : nil
  }

  private func id(at position: Int) -> String {
    switch storage {
    case .intents(let intents): intents[position].id
    case .snapshot(let snapshot): snapshot.headers[position].id
    }
  }

  /// How many intents there are.
  var count: Int { storage.count }

  /// How many of a snapshot's intents have been read whole (nil for a table built from intents).
  var intentsRead: Int? {
    if case .snapshot(let snapshot) = storage { return snapshot.readCount }
    return nil
  }

  /// The intent at a position (in id order).
  func intent(at position: Int) -> Intent { storage[position] }

  /// The id, kind and number of examples and keywords of the intent at a position, without
  /// reading the rest of it.
  func header(_ position: Int) -> Header {
    switch storage {
    case .intents(let intents):
      let intent = intents[position]
      return Header(id: intent.id, kind: intent.kind, exampleCount: intent.examples.count, keywordCount: intent.keywords.count)
    case .snapshot(let snapshot):
      return snapshot.headers[position]
    }
  }

  /// Builds a table from intents; a later intent with the same id replaces an earlier one.
  public init(intents: [Intent], sourceSections: [String] = []) {
    var byID: [String: Intent] = [:]
    for intent in intents { byID[intent.id] = intent }
    storage = .intents(byID.values.sorted { $0.id < $1.id })
    self.sourceSections = sourceSections
  }

  /// A snapshot's table: intents in id order, each once, read when first asked for.
  init(snapshot: SnapshotIntents, sourceSections: [String]) {
    storage = .snapshot(snapshot)
    self.sourceSections = sourceSections
  }

  /// Builds a table from files given as (path, text): `.md` files are intents, a `.txt` file is
  /// the source document. Two files with one id are an error.
  public init(files: [(path: String, text: String)]) throws(KnowledgeErrors) {
    var problems: [CoachError] = []
    var intents: [Intent] = []
    var sections: [String] = []
    var lexicon = Lexicon()
    var seen: [String: String] = [:]
    var exampleLines: [(path: String, line: ExampleFile.Line)] = []
    for (path, text) in files {
      if path.hasSuffix(".jsonl") {
        do { exampleLines += try ExampleFile.parse(text, path: path).map { (path, $0) } } catch { problems += error.errors }
        continue
      }
      if path.hasSuffix(".txt") {
        sections += Self.questions(in: text)
        continue
      }
      if path.hasSuffix(".lexicon") {
        do { lexicon = lexicon.merging(try Lexicon(text: text, path: path)) } catch { problems.append(error) }
        continue
      }
      guard path.hasSuffix(".md") else { continue }
      do {
        let intent = try KnowledgeParser.parse(text, path: path)
        if let first = seen[intent.id] {
          problems.append(.knowledge(path: path, line: Self.idLine(in: text), message: "duplicate id '\(intent.id)' (also in \(first))"))
          continue
        }
        seen[intent.id] = path
        intents.append(intent)
      } catch {
        problems += error.errors
      }
    }
    guard problems.isEmpty else { throw KnowledgeErrors(errors: problems) }
    let pending = Self.attach(exampleLines, to: &intents)
    self.init(intents: intents, sourceSections: sections)
    self.lexicon = lexicon
    self.pendingExamples = pending
    for (_, line) in exampleLines where !line.concerns.isEmpty { exampleConcerns[line.text] = line.concerns }
  }

  /// Adds example lines to the intents they name (`unknown` to the first noise intent);
  /// returns the lines that name none of them.
  static func attach(_ lines: [(path: String, line: ExampleFile.Line)], to intents: inout [Intent]) -> [(path: String, line: ExampleFile.Line)] {
    guard !lines.isEmpty else { return [] }
    var positions: [String: Int] = [:]
    for (position, intent) in intents.enumerated() { positions[intent.id] = position }
    let noise = intents.firstIndex { $0.kind == .noise }
    var pending: [(path: String, line: ExampleFile.Line)] = []
    // Two writers may type the same line: an intent keeps it once.
    var known = intents.map { Set($0.examples.map { $0.lowercased() }) }
    for (path, line) in lines {
      if let position = line.intent == Match.unknown ? noise : positions[line.intent] {
        if known[position].insert(line.text.lowercased()).inserted { intents[position].examples.append(line.text) }
      } else {
        pending.append((path, line))
      }
    }
    return pending
  }

  /// Reads every `.md` and `.txt` file of a folder.
  /// - Throws: ``KnowledgeErrors`` for a missing folder, an unreadable or non-UTF-8 file, or a
  ///   malformed one.
  public static func files(in folder: String) throws(KnowledgeErrors) -> [(path: String, text: String)] {
    guard let kind = PathKind(of: folder) else {
      throw KnowledgeErrors(errors: [.missingInput(path: folder)])
    }
    guard kind == .folder else {
      throw KnowledgeErrors(errors: [.unreadable(path: folder, reason: "not a folder")])
    }
    guard let names = FileSystem.names(in: folder) else {
      throw KnowledgeErrors(errors: [.unreadable(path: folder, reason: "permission denied or not a folder")])
    }
    var files: [(String, String)] = []
    var problems: [CoachError] = []
    for name in names.sorted() where name.hasSuffix(".md") || name.hasSuffix(".txt") || name.hasSuffix(".lexicon") || name.hasSuffix(".jsonl") {
      let path = folder.appendingPathComponent(name)
      guard FileSystem.isReadable(path), let data = FileSystem.contents(of: path) else {
        problems.append(.unreadable(path: path, reason: Self.whyUnreadable(path)))
        continue
      }
      guard let text = String(validatingUTF8Bytes: data[...]) else {
        problems.append(.knowledge(path: path, line: Self.lineOfFirstInvalidByte(data), message: "not valid UTF-8 text"))
        continue
      }
      files.append((path, text))
    }
    guard problems.isEmpty else { throw KnowledgeErrors(errors: problems) }
    return files
  }

  /// Why a file in a knowledge folder cannot be read, in words a person can act on.
  static func whyUnreadable(_ path: String) -> String {
    guard let kind = PathKind(of: path) else {
      let target = FileSystem.linkTarget(path)
      return target.map { "a link to '\($0)', which does not exist" } ?? "it does not exist"
    }
    if kind == .folder { return "it is a folder, not a file" }
    return "permission denied"
  }

  /// This table with the intents of `other` added, replacing those with the same id.
  public func adding(_ other: IntentTable) -> IntentTable {
    var byID: [String: Intent] = [:]
    for intent in intents + other.intents { byID[intent.id] = intent }
    var merged = byID.values.sorted { $0.id < $1.id }
    let pending = Self.attach(pendingExamples + other.pendingExamples, to: &merged)
    var table = IntentTable(intents: merged, sourceSections: sourceSections + other.sourceSections)
    table.lexicon = lexicon.merging(other.lexicon)
    table.pendingExamples = pending
    table.exampleConcerns = exampleConcerns.merging(other.exampleConcerns) { _, added in added }
    return table
  }

  /// Checks that every related id names an intent of the table.
  public func checkReferences() throws(KnowledgeErrors) {
    var problems: [CoachError] = pendingExamples.map { path, line in
      .knowledge(path: path, line: line.line, message: "intent '\(line.intent)' is not an intent of the knowledge")
    }
    for intent in intents {
      for id in intent.related where self[id] == nil {
        problems.append(.knowledge(path: intent.path, line: 1, message: "related id '\(id)' is not an intent"))
      }
    }
    guard problems.isEmpty else { throw KnowledgeErrors(errors: problems) }
  }

  /// For each question of the source document, the ids of the intents that cover it.
  public func coverage() -> [(section: String, intents: [String])] {
    sourceSections.map { section in
      let key = Self.sectionKey(section)
      return (section, intents.filter { $0.covers.contains { Self.sectionKey($0) == key } }.map(\.id))
    }
  }

  static func sectionKey(_ text: String) -> String {
    String(text.lowercased().filter { $0.isLetter || $0.isNumber })
  }

  /// The questions of a source document: short lines of their own that end with '?'.
  static func questions(in text: String) -> [String] {
    text.split(whereSeparator: \.isNewline).compactMap { raw in
      var line = raw.trimmingWhiteSpace()
      if line.hasPrefix("Question:") { line = line.dropFirst(9).trimmingWhiteSpace() }
      return line.hasSuffix("?") && line.count <= 120 ? line : nil
    }
  }

  static func idLine(in text: String) -> Int {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    return (lines.firstIndex { $0.hasPrefix("id:") } ?? 0) + 1
  }

  static func lineOfFirstInvalidByte(_ bytes: [UInt8]) -> Int {
    var line = 1
    var start = 0
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
      if String(validatingUTF8Bytes: bytes[start..<end]) == nil { return line }
      line += 1
      start = end + 1
    }
    return line
  }
}

extension String {
  /// Decodes UTF-8, or nil when the bytes are not valid UTF-8 (never repairs them).
  init?(validatingUTF8Bytes bytes: ArraySlice<UInt8>) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
    self = text
  }
}
