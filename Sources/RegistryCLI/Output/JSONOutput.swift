import Foundation

/// One JSON document on stdout, keys sorted, so output is stable.
enum JSONOutput {
  static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    return String(decoding: data, as: UTF8.self)
  }

  static func print<T: Encodable>(_ value: T, terminal: Terminal = Terminal()) throws {
    terminal.out(try encode(value))
  }
}
