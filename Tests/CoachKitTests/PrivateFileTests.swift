import Foundation
import Testing

@testable import CoachKit

#if canImport(Glibc)
  import Glibc
#endif

/// Files that hold what the user typed: mode 0600, written whole or not at all, and never
/// replaced unless asked.
@Suite struct PrivateFileTests {
  static func mode(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int).flatMap { $0 }
  }

  static func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The names in a folder, hidden ones included: a leftover temporary file shows here.
  static func names(_ folder: TemporaryFolder) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }

  @Test func writesANewFileReadableByItsOwnerOnly() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/consult.md"
    try PrivateFile.write("> she shrugs\n", to: path, overwrite: false)
    #expect(Self.contents(path) == "> she shrugs\n")
    #expect(Self.mode(path) == 0o600)
    #expect(Self.names(folder) == ["consult.md"], "no temporary file is left")
  }

  @Test func replacesAnOldFileWholeAndMakesItPrivate() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/consult.md"
    try folder.write("old", to: "consult.md")
    chmod(path, 0o644)
    try PrivateFile.write("new", to: path, overwrite: true)
    #expect(Self.contents(path) == "new")
    #expect(Self.mode(path) == 0o600)
    #expect(Self.names(folder) == ["consult.md"])
  }

  @Test func neverReplacesAFileUnlessAsked() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/consult.md"
    try folder.write("old", to: "consult.md")
    #expect(throws: CoachError.unwritable(path: path, reason: "it exists already (use /save! to replace it)")) {
      try PrivateFile.write("new", to: path, overwrite: false)
    }
    #expect(Self.contents(path) == "old")
    #expect(Self.names(folder) == ["consult.md"])
  }

  @Test func aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws {
    let folder = try TemporaryFolder()
    try folder.write("old", to: "consult.md")
    for (name, overwrite) in [("consult.md", true), ("new.md", false)] {
      let path = folder.path + "/" + name
      #expect(throws: CoachError.unwritable(path: path, reason: PrivateFile.reason(ENOSPC))) {
        try PrivateFile.write(to: path, overwrite: overwrite) { descriptor, _ in
          _ = "half of the new text".withCString { write(descriptor, $0, 10) }
          return ENOSPC
        }
      }
      #expect(Self.contents(folder.path + "/consult.md") == "old")
      #expect(Self.names(folder) == ["consult.md"])
    }
  }

  @Test func aFileThatAppearsMeanwhileIsNotReplaced() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/consult.md"
    #expect(throws: CoachError.unwritable(path: path, reason: PrivateFile.reason(EEXIST))) {
      try PrivateFile.write(to: path, overwrite: false) { descriptor, _ in
        try? "theirs".write(toFile: path, atomically: false, encoding: .utf8)
        return 0
      }
    }
    #expect(Self.contents(path) == "theirs")
    #expect(Self.names(folder) == ["consult.md"])
  }

  @Test func aWriterThatNeedsAPathGetsAPrivateOne() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/history"
    try folder.write("old history", to: "history")
    try PrivateFile.write(to: path, overwrite: true) { temporary in
      // the way libedit saves history: fopen, write, fclose
      guard let file = fopen(temporary, "w") else { return false }
      fputs("new history", file)
      return fclose(file) == 0
    }
    #expect(Self.contents(path) == "new history")
    #expect(Self.mode(path) == 0o600)
    #expect(throws: CoachError.unwritable(path: path, reason: "it could not be written")) {
      try PrivateFile.write(to: path, overwrite: true) { _ in false }
    }
    #expect(Self.contents(path) == "new history")
    #expect(Self.names(folder) == ["history"])
  }

  @Test func aMissingFolderOrAFolderNameIsExplained() throws {
    let folder = try TemporaryFolder()
    let missing = folder.path + "/no/such/consult.md"
    #expect(throws: CoachError.unwritable(path: missing, reason: "the folder '\(folder.path)/no/such' does not exist")) {
      try PrivateFile.write("x", to: missing, overwrite: true)
    }
    #expect(throws: CoachError.unwritable(path: folder.path, reason: "it is a folder; give a file name")) {
      try PrivateFile.write("x", to: folder.path, overwrite: true)
    }
  }

  /// Permissions do not stop root, and tests may run as root: `/sys` refuses new files to
  /// everyone.
  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/sys/kernel")))
  func aFolderThatTakesNoFilesIsExplained() throws {
    #expect(throws: CoachError.unwritable(path: "/sys/consult.md", reason: "no new file can be made in the folder '/sys' (permission denied)")) {
      try PrivateFile.write("x", to: "/sys/consult.md", overwrite: true)
    }
  }
}
