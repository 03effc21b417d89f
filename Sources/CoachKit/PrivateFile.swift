import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files that hold what the user typed: readable by the owner only (mode 0600), and
/// atomically, so an interrupted write leaves the old file whole.
public enum PrivateFile {
  /// Writes text to a path through a temporary file in the same folder, then a rename.
  /// - Parameter overwrite: whether an existing file may be replaced.
  /// - Throws: ``CoachError/unwritable(path:reason:)`` with a reason a person can act on.
  public static func write(_ text: String, to path: String, overwrite: Bool) throws(CoachError) {
    let folder = (path as NSString).deletingLastPathComponent
    let directory = folder.isEmpty ? "." : folder
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
      throw .unwritable(path: path, reason: "the folder '\(directory)' does not exist")
    }
    if !overwrite, FileManager.default.fileExists(atPath: path) {
      throw .unwritable(path: path, reason: "it exists already (use /save! to replace it)")
    }
    let temporary = directory + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw .unwritable(path: path, reason: String(cString: strerror(errno)))
    }
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if result < 0 {
        if errno == EINTR { continue }
        let reason = String(cString: strerror(errno))
        close(descriptor)
        unlink(temporary)
        throw .unwritable(path: path, reason: reason)
      }
      written += result
    }
    fsync(descriptor)
    close(descriptor)
    if overwrite {
      guard rename(temporary, path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw .unwritable(path: path, reason: reason)
      }
    } else {
      // link() fails if the name exists, so a file that appeared meanwhile is never replaced.
      guard link(temporary, path) == 0 else {
        let reason = errno == EEXIST ? "it exists already (use /save! to replace it)" : String(cString: strerror(errno))
        unlink(temporary)
        throw .unwritable(path: path, reason: reason)
      }
      unlink(temporary)
    }
  }
}

/// Where line history is kept when the user turns it on: `$XDG_STATE_HOME/coach/history`, or
/// `~/.local/state/coach/history`.
public enum HistoryFile {
  /// The history file's path, or nil when no home folder is known.
  public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/coach/history" }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.local/state/coach/history"
  }
}
