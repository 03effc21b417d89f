#if canImport(Glibc)
  import Glibc
#endif

/// Writes files that hold what the user typed: readable by the owner only (mode 0600), and
/// atomically, so a failed or interrupted write leaves the old file whole.
///
/// The text goes to a new temporary file in the same folder (`.name.1a2b3c4d.tmp`), is flushed
/// to disk, and then takes the file's name in one step: `rename` when the file may be replaced,
/// `link` when it may not (which fails if a file of that name appeared meanwhile).
public enum PrivateFile {
  /// Writes text to a path.
  /// - Parameter overwrite: whether an existing file may be replaced.
  /// - Throws: ``CoachError/unwritable(path:reason:)`` with a reason a person can act on.
  public static func write(_ text: String, to path: String, overwrite: Bool) throws(CoachError) {
    try write(to: path, overwrite: overwrite) { descriptor, _ in
      let bytes = Array(text.utf8)
      var written = 0
      while written < bytes.count {
        let result = bytes[written...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
        if result < 0 {
          if errno == EINTR { continue }
          return errno
        }
        written += result
      }
      return 0
    }
  }

  /// Writes a file that another library writes by path (libedit's history): `fill` gets the
  /// path of a new, empty temporary file of mode 0600 and returns whether it wrote it.
  /// - Throws: ``CoachError/unwritable(path:reason:)``; the old file is then unchanged.
  public static func write(to path: String, overwrite: Bool, filling fill: (String) -> Bool) throws(CoachError) {
    try write(to: path, overwrite: overwrite) { _, temporary in fill(temporary) ? 0 : -1 }
  }

  /// Creates the temporary file, has `fill` write it (given its descriptor and a path that
  /// opens it; returning 0, an errno, or -1 for an unknown failure), then gives it the final
  /// name. On any failure the temporary file is removed and the old file left as it was.
  static func write(to path: String, overwrite: Bool, fill: (Int32, String) -> Int32) throws(CoachError) {
    let folder = path.deletingLastPathComponent
    let directory = folder.isEmpty ? "." : folder
    guard PathKind(of: directory) == .folder else {
      throw .unwritable(path: path, reason: "the folder '\(directory)' does not exist")
    }
    if path.hasSuffix("/") || PathKind(of: path) == .folder {
      throw .unwritable(path: path, reason: "it is a folder; give a file name")
    }
    if !overwrite, FileSystem.exists(path) {
      throw .unwritable(path: path, reason: reason(EEXIST))
    }
    var file = try Temporary(in: directory, for: path)
    defer { file.release() }
    let filled = fill(file.descriptor, file.path)
    let synced = fsync(file.descriptor) == 0 ? 0 : errno
    if filled != 0 { throw file.discard(filled) }
    if synced != 0, synced != EINVAL { throw file.discard(synced) }
    try file.name(path, overwrite: overwrite)
    let folderDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if folderDescriptor >= 0 {
      fsync(folderDescriptor)
      close(folderDescriptor)
    }
  }

  /// The file being written before it takes its name: on Linux an unnamed file (`O_TMPFILE`)
  /// that nothing can see and that vanishes if the process is killed; elsewhere, or where the
  /// file system cannot make one, a hidden file with a random name in the same folder.
  struct Temporary {
    let target: String
    let directory: String
    let descriptor: Int32
    /// The hidden name, or nil for an unnamed file.
    private(set) var hidden: String?
    /// A path that opens the file.
    var path: String { hidden ?? "/proc/self/fd/\(descriptor)" }

    init(in directory: String, for target: String) throws(CoachError) {
      self.target = target
      self.directory = directory
      #if os(Linux)
        if access("/proc/self/fd", X_OK) == 0 {
          let unnamed = open(directory, __O_TMPFILE | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o600)
          if unnamed >= 0 {
            descriptor = unnamed
            fchmod(descriptor, 0o600)  // open's mode is 0600 less the umask; make it exact
            return
          }
        }
      #endif
      var descriptor: Int32 = -1
      var hidden = ""
      for _ in 0..<16 {
        hidden = Self.hiddenName(in: directory, for: target)
        descriptor = open(hidden, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 || errno != EEXIST { break }
      }
      guard descriptor >= 0 else {
        throw .unwritable(path: target, reason: "no new file can be made in the folder '\(directory)' (\(PrivateFile.reason(errno)))")
      }
      self.descriptor = descriptor
      self.hidden = hidden
      fchmod(descriptor, 0o600)
    }

    static func hiddenName(in directory: String, for target: String) -> String {
      directory + "/." + target.lastPathComponent + "." + String(UInt32.random(in: .min ... .max), radix: 16) + ".tmp"
    }

    /// Gives the written file its name: a link, which fails if the name exists, or a rename,
    /// which replaces the old file in one step.
    mutating func name(_ path: String, overwrite: Bool) throws(CoachError) {
      if hidden == nil {
        let source = self.path
        if !overwrite {
          guard linkat(AT_FDCWD, source, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 else { throw discard(errno) }
          return
        }
        let named = Self.hiddenName(in: directory, for: path)
        guard linkat(AT_FDCWD, source, AT_FDCWD, named, AT_SYMLINK_FOLLOW) == 0 else { throw discard(errno) }
        hidden = named
      }
      guard let hidden else { return }
      if overwrite {
        guard rename(hidden, path) == 0 else { throw discard(errno) }
      } else if link(hidden, path) == 0 {
        unlink(hidden)
      } else if errno == EPERM || errno == EOPNOTSUPP, !FileSystem.exists(path) {
        // A file system without hard links (the folder took the hidden file, so it is
        // writable): rename, checked just before.
        guard rename(hidden, path) == 0 else { throw discard(errno) }
      } else {
        throw discard(errno)
      }
      self.hidden = nil
    }

    /// Removes the file; returns the error to throw.
    func discard(_ code: Int32) -> CoachError {
      if let hidden { unlink(hidden) }
      return .unwritable(path: target, reason: PrivateFile.reason(code))
    }

    /// Closes the descriptor.
    func release() { close(descriptor) }
  }

  static func reason(_ code: Int32) -> String {
    switch code {
    case EEXIST: "it exists already (use /save! to replace it)"
    case EACCES, EPERM: "permission denied"
    case EROFS: "the file system is read-only"
    case ENOSPC, EDQUOT: "the disk is full"
    case EFBIG: "the file is too large for this system's limits"
    case -1: "it could not be written"
    default: String(cString: strerror(code))
    }
  }

  static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.write(descriptor, buffer, count)
    #else
      Darwin.write(descriptor, buffer, count)
    #endif
  }
}

/// Where line history is kept when the user turns it on: `$XDG_STATE_HOME/coach/history`, or
/// `~/.local/state/coach/history`.
public enum HistoryFile {
  /// The history file's path, or nil when no home folder is known.
  /// - Parameter environment: the variables to read (the process's when nil).
  public static func path(environment: [String: String]? = nil) -> String? {
    let environment = environment ?? FileSystem.environment
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/coach/history" }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.local/state/coach/history"
  }
}
