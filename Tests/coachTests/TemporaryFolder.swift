import Foundation

/// A folder under the system's temporary folder, removed when the value goes away.
final class TemporaryFolder {
  /// The folder's path.
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("coach-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes a file into the folder.
  func write(_ text: String, to name: String) throws {
    try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }
}
