import Foundation

extension ResultRecord {
  /// The record as JSON: sorted keys, pretty-printed, with a final newline (the stored form).
  public func jsonBytes() -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    // Encoding plain value types cannot fail.
    let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
    return Array(data) + [UInt8(ascii: "\n")]
  }

  /// Decodes a stored record.
  /// - Throws: ``ResultError/unreadable(file:line:column:reason:hint:)`` when `bytes` is not a
  ///   record.
  public static func decode(_ bytes: [UInt8], file: String) throws(ResultError) -> ResultRecord {
    do {
      let record = try JSONDecoder().decode(ResultRecord.self, from: Data(bytes))
      guard record.schema == currentSchema else {
        throw ResultError.unreadable(
          file: file, line: 1, column: 1,
          reason: "unknown result record schema '\(record.schema)'",
          hint: "this registry reads '\(currentSchema)'; update registry")
      }
      return record
    } catch let error as ResultError {
      throw error
    } catch {
      throw ResultError.unreadable(
        file: file, line: 1, column: 1, reason: "not a result record: \(error)",
        hint: "records are written by 'registry results add'")
    }
  }
}
