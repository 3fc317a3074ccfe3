import Schema

/// A record's decode diagnostics as the index file stores them: length-prefixed fields, read
/// back without `Codable` (a `JSONDecoder` per record was 40 % of `list --invalid`).
///
///     diagnostics := count ";" diagnostic*
///     diagnostic  := text(severity) text(code) text(message) location path optional(hint) location(related)
///     text        := byte-count ":" UTF-8 bytes
///     optional(x) := "-" | x
///     location    := "-" | text(file) line ";" column ";"
///     path        := count ";" ("k" text | "i" index ";")*
///
/// Every string is stored whole, in its own bytes (no escaping), so any text round-trips.
package enum IndexDiagnostics {
  private static let colon = UInt8(ascii: ":")
  private static let semicolon = UInt8(ascii: ";")

  /// The stored form of `diagnostics`.
  package static func encode(_ diagnostics: [Diagnostic]) -> String {
    var out: [UInt8] = []
    func number(_ n: Int, _ end: UInt8) {
      out.append(contentsOf: String(n).utf8)
      out.append(end)
    }
    func text(_ s: String) {
      number(s.utf8.count, colon)
      out.append(contentsOf: s.utf8)
    }
    func location(_ l: SourceLocation?) {
      guard let l else { return out.append(UInt8(ascii: "-")) }
      text(l.file)
      number(l.line, semicolon)
      number(l.column, semicolon)
    }
    number(diagnostics.count, semicolon)
    for d in diagnostics {
      text(d.severity.rawValue)
      text(d.code)
      text(d.message)
      location(d.location)
      number(d.path.components.count, semicolon)
      for c in d.path.components {
        switch c {
        case .key(let k):
          out.append(UInt8(ascii: "k"))
          text(k)
        case .index(let i):
          out.append(UInt8(ascii: "i"))
          number(i, semicolon)
        }
      }
      if let hint = d.hint { text(hint) } else { out.append(UInt8(ascii: "-")) }
      location(d.related)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The diagnostics `stored` holds; nil when it is not in this form.
  package static func decode(_ stored: String) -> [Diagnostic]? {
    var copy = stored
    return copy.withUTF8 { bytes -> [Diagnostic]? in
      var reader = Reader(bytes: bytes)
      return reader.diagnostics()
    }
  }

  private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    mutating func diagnostics() -> [Diagnostic]? {
      guard let count = number(semicolon), count >= 0 else { return nil }
      var result: [Diagnostic] = []
      result.reserveCapacity(count)
      for _ in 0..<count {
        guard let severityText = text(), let severity = Diagnostic.Severity(rawValue: severityText),
          let code = text(), let message = text(), let place = readLocation(),
          let pathCount = number(semicolon), pathCount >= 0
        else { return nil }
        var components: [KeyPath.Component] = []
        for _ in 0..<pathCount {
          guard at < bytes.count else { return nil }
          let kind = bytes[at]
          at += 1
          if kind == UInt8(ascii: "k"), let k = text() {
            components.append(.key(k))
          } else if kind == UInt8(ascii: "i"), let i = number(semicolon) {
            components.append(.index(i))
          } else {
            return nil
          }
        }
        let hint: String?
        if absent() { hint = nil } else if let h = text() { hint = h } else { return nil }
        guard let related = readLocation() else { return nil }
        result.append(
          Diagnostic(
            severity, code: code, message, at: place, path: KeyPath(components),
            hint: hint, related: related))
      }
      return at == bytes.count ? result : nil
    }

    /// A location, `.some(nil)` when absent; nil when malformed.
    private mutating func readLocation() -> SourceLocation?? {
      if absent() { return .some(nil) }
      guard let file = text(), let line = number(semicolon), let column = number(semicolon)
      else { return nil }
      return .some(SourceLocation(file: file, line: line, column: column))
    }

    private mutating func absent() -> Bool {
      guard at < bytes.count, bytes[at] == UInt8(ascii: "-") else { return false }
      at += 1
      return true
    }

    private mutating func text() -> String? {
      guard let length = number(colon), length >= 0, at + length <= bytes.count else { return nil }
      defer { at += length }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<(at + length)]), as: UTF8.self)
    }

    private mutating func number(_ terminator: UInt8) -> Int? {
      var value = 0
      var negative = false
      var digits = 0
      if at < bytes.count, bytes[at] == UInt8(ascii: "-") {
        negative = true
        at += 1
      }
      while at < bytes.count, bytes[at] != terminator {
        let d = Int(bytes[at]) - 48
        guard (0...9).contains(d), digits < 18 else { return nil }
        value = value * 10 + d
        digits += 1
        at += 1
      }
      guard at < bytes.count, digits > 0 else { return nil }
      at += 1
      return negative ? -value : value
    }
  }
}
