import Foundation

/// One JSON object read from a result file, with where it starts, so an importer can point at
/// the line of a key.
struct JSONDocument {
  /// The object.
  var object: [String: Any]
  /// The object's text.
  var text: [UInt8]
  /// The 1-based line the object starts on.
  var firstLine: Int
  /// The file it came from.
  var file: String
  /// Whether the file holds JSON lines (one object per line).
  var isLine: Bool

  /// Reads a file as one JSON object, else as JSON lines (blank lines skipped). Python's
  /// `Infinity`, `-Infinity` and `NaN` (which `json.dumps` writes for an unlimited request
  /// rate) read as null.
  /// - Throws: ``ResultError`` `.unreadable` at the first line that is not a JSON object.
  static func read(_ bytes: [UInt8], file: String) throws(ResultError) -> [JSONDocument] {
    let clean = nonFiniteAsNull(bytes)
    if let object = parse(clean) {
      return [JSONDocument(object: object, text: clean, firstLine: 1, file: file, isLine: false)]
    }
    var out: [JSONDocument] = []
    var line = 0
    for slice in clean.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      line += 1
      let text = Array(slice)
      if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      guard let object = parse(text) else {
        throw ResultError(
          .unreadable, file: file, line: line, column: 1,
          out.isEmpty && line == 1
            ? "not a JSON object or JSON lines" : "line \(line) is not a JSON object",
          hint: "pass the result file the benchmark tool wrote (JSON, or JSON lines)")
      }
      out.append(
        JSONDocument(object: object, text: text, firstLine: line, file: file, isLine: true))
    }
    if out.isEmpty {
      throw ResultError(
        .unreadable, file: file, line: 1, column: 1, "the file is empty",
        hint: "did the benchmark run? its log says why it wrote nothing")
    }
    return out
  }

  private static func parse(_ bytes: [UInt8]) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]))
      as? [String: Any]
  }

  /// `Infinity`, `-Infinity`, `NaN` outside strings replaced by `null` (padded with spaces so
  /// columns stay put).
  static func nonFiniteAsNull(_ bytes: [UInt8]) -> [UInt8] {
    var out = bytes
    var inString = false
    var escaped = false
    var i = 0
    let words: [[UInt8]] = [Array("-Infinity".utf8), Array("Infinity".utf8), Array("NaN".utf8)]
    while i < out.count {
      let c = out[i]
      if inString {
        if escaped {
          escaped = false
        } else if c == UInt8(ascii: "\\") {
          escaped = true
        } else if c == UInt8(ascii: "\"") {
          inString = false
        }
        i += 1
        continue
      }
      if c == UInt8(ascii: "\"") {
        inString = true
        i += 1
        continue
      }
      if let w = words.first(where: {
        i + $0.count <= out.count && Array(out[i..<i + $0.count]) == $0
      }) {
        let replacement =
          Array("null".utf8) + Array(repeating: UInt8(ascii: " "), count: w.count - 4)
        out.replaceSubrange(i..<i + w.count, with: replacement)
        i += w.count
        continue
      }
      i += 1
    }
    return out
  }

  // MARK: - Values

  /// A number at `key` (a JSON number, or a numeric string).
  func number(_ key: String) -> Double? { Self.number(object[key]) }

  /// An integer at `key`.
  func int(_ key: String) -> Int? { number(key).flatMap { $0.isFinite ? Int($0.rounded()) : nil } }

  /// A string at `key`.
  func string(_ key: String) -> String? { object[key] as? String }

  /// Whether `key` is present (even as null).
  func has(_ key: String) -> Bool { object[key] != nil }

  /// A JSON number (not a boolean: Foundation reads `true` as an NSNumber of type `c`), or a
  /// string holding a finite number; nil otherwise (`"inf"` included).
  static func number(_ value: Any?) -> Double? {
    if let n = value as? NSNumber {
      if n.objCType.pointee == CChar(UInt8(ascii: "c")) { return nil }
      return n.doubleValue
    }
    if let s = value as? String, let d = Double(s), d.isFinite { return d }
    return nil
  }

  // MARK: - Locations

  /// The error `message` at the key `key` (its line and column; the object's first line when
  /// the key is not there).
  func error(
    _ reason: ResultError.Reason, at key: String?, _ message: String, hint: String? = nil
  ) -> ResultError {
    let (line, column) = key.flatMap(position(of:)) ?? (firstLine, 1)
    return ResultError(reason, file: file, line: line, column: column, message, hint: hint)
  }

  /// The line and column of `"key"` in the object's text.
  func position(of key: String) -> (Int, Int)? {
    let needle = Array("\"\(key)\"".utf8)
    guard needle.count <= text.count else { return nil }
    var line = firstLine
    var column = 1
    for i in 0...(text.count - needle.count) {
      if text[i] == needle[0], Array(text[i..<i + needle.count]) == needle {
        return (line, column)
      }
      if text[i] == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if text[i] & 0xC0 != 0x80 {
        column += 1
      }
    }
    return nil
  }
}
