import Foundation

/// The JSON of the static index: `JSONEncoder` with sorted keys and unescaped slashes, compact
/// (no whitespace), as every file of `export-index` is written.
struct ExportJSON {
  private let encoder: JSONEncoder

  init() {
    encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  }

  /// The value as compact JSON text.
  func encode(_ value: some Encodable) -> String {
    // The exported shapes hold strings, integers, booleans and arrays of them, which always
    // encode (only non-finite floats could fail, and there are none).
    String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
  }
}
