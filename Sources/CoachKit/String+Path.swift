extension String {
  /// The last part of a path ("b" of "a/b" and of "a/b/"); `NSString.lastPathComponent`, which
  /// FoundationEssentials lacks.
  package var lastPathComponent: String {
    let path = withoutTrailingSlashes
    guard path != "/" else { return path }
    return path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
  }

  /// The path without its last part ("a" of "a/b", "/" of "/a", "" of "a");
  /// `NSString.deletingLastPathComponent`.
  package var deletingLastPathComponent: String {
    let path = withoutTrailingSlashes
    guard let slash = path.lastIndex(of: "/") else { return "" }
    let folder = path[..<slash].withoutTrailingSlashes
    return folder.isEmpty ? "/" : folder
  }

  /// The path with one more part, joined by a `/` unless it ends in one already;
  /// `NSString.appendingPathComponent` as swift-corelibs-foundation has it.
  package func appendingPathComponent(_ component: String) -> String {
    if isEmpty { return component }
    if component.isEmpty { return self }
    return hasSuffix("/") ? self + component : self + "/" + component
  }
}

extension StringProtocol {
  /// The path without `/` at its end, except that `/` itself stays.
  fileprivate var withoutTrailingSlashes: String {
    guard let last = lastIndex(where: { $0 != "/" }) else { return isEmpty ? "" : "/" }
    return String(self[...last])
  }
}
