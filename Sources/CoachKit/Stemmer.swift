import CStemmer

/// Snowball's English (Porter2) stemmer, from libstemmer: "shrugging", "shrugged" and "shrugs"
/// all become "shrug".
public final class Stemmer: @unchecked Sendable {
  /// The shared English stemmer.
  public static let english = Stemmer()

  // libstemmer's stemmer keeps a buffer per instance, so calls are serialised by the lock.
  private let handle: OpaquePointer?
  private let lock = Lock()
  /// Stems already computed: the same few thousand words come back again and again.
  private let stems = Memo<String, String>()

  private init() {
    handle = sb_stemmer_new("english", "UTF_8")
  }

  deinit {
    if let handle { sb_stemmer_delete(handle) }
  }

  /// The stem of one lower-case word; the word itself if it cannot be stemmed.
  public func stem(_ word: String) -> String {
    guard let handle, word.utf8.count < 64 else { return word }
    return stems.value(for: word) {
      var utf8 = word
      return utf8.withUTF8 { bytes -> String in
        guard let base = bytes.baseAddress else { return "" }
        return lock.withLock {
          guard let out = sb_stemmer_stem(handle, base, Int32(bytes.count)) else { return word }
          return String(decoding: UnsafeBufferPointer(start: out, count: Int(sb_stemmer_length(handle))), as: UTF8.self)
        }
      }
    }
  }
}
