#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a path names, asked of `stat(2)` (links followed, as `FileManager.fileExists` does):
/// FoundationEssentials' `fileExists(atPath:isDirectory:)` takes a `Bool` where Foundation's
/// takes an `ObjCBool`, so the one call would not build both ways.
enum PathKind: Equatable {
  /// A folder.
  case folder
  /// A file, or anything else that is not a folder (a device, a pipe).
  case file

  /// The kind of what `path` names, or nil when nothing is there (or a link leads nowhere).
  init?(of path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    self = (info.st_mode & S_IFMT) == S_IFDIR ? .folder : .file
  }
}
