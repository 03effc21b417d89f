import CStemmer

/// Snowball's English (Porter2) stemmer, from libstemmer (called directly, see CStemmer's
/// shim.h): "shrugging", "shrugged" and "shrugs" all become "shrug".
public final class Stemmer: @unchecked Sendable {
  /// The shared English stemmer.
  public static let english = Stemmer()

  // libstemmer's stemmer keeps a buffer per instance, so calls are serialised by the lock.
  private let handle: OpaquePointer?
  private let lock = Lock()
  /// Stems already computed: the same few thousand words come back again and again.
  private let stems = Memo<String, String>()

  private init() {
    handle = english_UTF_8_create_env()
  }

  deinit {
    if let handle { english_UTF_8_close_env(handle) }
  }

  /// The stem of one lower-case word; the word itself if it cannot be stemmed.
  public func stem(_ word: String) -> String {
    guard let handle, word.utf8.count < 64 else { return word }
    return stems.value(for: word) {
      var utf8 = word
      return utf8.withUTF8 { bytes -> String in
        guard let base = bytes.baseAddress else { return "" }
        return lock.withLock {
          var length: Int32 = 0
          guard let out = coach_stem_english(handle, base, Int32(bytes.count), &length) else { return word }
          return String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
        }
      }
    }
  }
}
