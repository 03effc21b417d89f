import CStemmer
import Foundation

/// Snowball's English (Porter2) stemmer, from libstemmer: "shrugging", "shrugged" and "shrugs"
/// all become "shrug".
public final class Stemmer: @unchecked Sendable {
  /// The shared English stemmer.
  public static let english = Stemmer()

  // libstemmer's stemmer keeps a buffer per instance, so calls are serialised by the lock.
  private let handle: OpaquePointer?
  private let lock = NSLock()

  private init() {
    handle = sb_stemmer_new("english", "UTF_8")
  }

  deinit {
    if let handle { sb_stemmer_delete(handle) }
  }

  /// The stem of one lower-case word; the word itself if it cannot be stemmed.
  public func stem(_ word: String) -> String {
    guard let handle, word.utf8.count < 64 else { return word }
    var word = word
    return word.withUTF8 { bytes -> String in
      guard let base = bytes.baseAddress else { return "" }
      lock.lock()
      defer { lock.unlock() }
      guard let out = sb_stemmer_stem(handle, base, Int32(bytes.count)) else { return String(decoding: bytes, as: UTF8.self) }
      let length = Int(sb_stemmer_length(handle))
      return String(decoding: UnsafeBufferPointer(start: out, count: length), as: UTF8.self)
    }
  }
}
