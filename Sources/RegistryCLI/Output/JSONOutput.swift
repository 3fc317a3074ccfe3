import Foundation

/// One JSON document on stdout, keys sorted, so output is stable.
enum JSONOutput {
  /// An encoder writing as this type does (one can serve many values).
  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return encoder
  }

  static func encode<T: Encodable>(_ value: T, with encoder: JSONEncoder = encoder()) throws
    -> String
  {
    String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  static func print<T: Encodable>(_ value: T, terminal: Terminal = Terminal()) throws {
    terminal.out(try encode(value))
  }
}
