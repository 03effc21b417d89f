#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few file-system and environment calls the coach makes, on the C library: what
/// FoundationEssentials' `FileManager` and `ProcessInfo` gave, without linking it, which cost
/// every start a fifth of a millisecond (its metadata is most of a binary's relocations).
package enum FileSystem {
  /// The bytes of a file, or nil if it cannot be opened or read.
  package static func contents(of path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { return bytes }
      if count < 0 {
        if errno == EINTR { continue }
        return nil
      }
      bytes += chunk[..<count]
    }
  }

  /// The text of a file, or nil if it cannot be read or is not UTF-8.
  package static func text(of path: String) -> String? {
    contents(of: path).flatMap { String(validating: $0, as: UTF8.self) }
  }

  /// Whether something is at a path (links followed).
  package static func exists(_ path: String) -> Bool { PathKind(of: path) != nil }

  /// Whether this process may read a path.
  package static func isReadable(_ path: String) -> Bool { access(path, R_OK) == 0 }

  /// The names in a folder, without "." and "..", or nil if it cannot be listed.
  package static func names(in folder: String) -> [String]? {
    guard let directory = opendir(folder) else { return nil }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// Where a symbolic link points, or nil if the path is not one.
  package static func linkTarget(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else { return nil }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The working folder, or "." if it cannot be found.
  package static var currentDirectory: String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return "." }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// An environment variable.
  package static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// The whole environment, for what reads several variables.
  package static var environment: [String: String] {
    var values: [String: String] = [:]
    var entry = environ
    while let pointer = entry.pointee {
      let text = String(cString: pointer)
      if let equals = text.firstIndex(of: "=") { values[String(text[..<equals])] = String(text[text.index(after: equals)...]) }
      entry += 1
    }
    return values
  }

  /// Makes a folder and any folders above it that are missing, each with `mode`; true if it is
  /// there afterwards.
  @discardableResult
  package static func makeFolders(_ path: String, mode: mode_t) -> Bool {
    if PathKind(of: path) == .folder { return true }
    let parent = path.deletingLastPathComponent
    if !parent.isEmpty, parent != path, parent != "/" { makeFolders(parent, mode: mode) }
    return mkdir(path, mode) == 0 || PathKind(of: path) == .folder
  }
}
