#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension String {
  /// A text made by the C library's `printf` conversions (`%5.1f`, `%7d`, `%%`): what
  /// Foundation's `String(format:)` printed for numbers, since it hands them to `snprintf` too,
  /// so reports stay byte for byte the same (rounding included: `%.2f` of 0.125 is "0.12").
  /// The process never sets `LC_NUMERIC`, so the decimal point is always `.`.
  package init(printf format: String, _ arguments: CVarArg...) {
    // A va_list is spent once read: one to measure, one to print.
    let length = Int(withVaList(arguments) { vsnprintf(nil, 0, format, $0) })
    var buffer = [CChar](repeating: 0, count: Swift.max(0, length) + 1)
    _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
    self = String(decoding: buffer.prefix(Swift.max(0, length)).map(UInt8.init(bitPattern:)), as: UTF8.self)
  }
}
