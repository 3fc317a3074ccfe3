import Schema

/// One expected diagnostic from a `*.expected` sidecar.
///
/// One line per diagnostic: `<severity> <code> <line>:<col> <key.path> [hint~<substring>]`,
/// e.g. `error unknown-key 7:3 resources.prefil_nodes hint~prefill_nodes`. Use `-` for no
/// location and `.` for the root path; the hint substring runs to the end of the line.
/// Blank lines and lines starting with `#` are ignored.
public struct ExpectedDiagnostic: Sendable, Hashable, CustomStringConvertible {
  public var severity: Diagnostic.Severity
  public var code: String
  public var line: Int?
  public var column: Int?
  public var path: String
  public var hintSubstring: String?

  public var description: String {
    let loc = line.map { "\($0):\(column ?? 0)" } ?? "-"
    return "\(severity.rawValue) \(code) \(loc) \(path.isEmpty ? "." : path)"
      + (hintSubstring.map { " hint~\($0)" } ?? "")
  }

  /// Whether a diagnostic matches (severity, code, location, path, and hint substring).
  public func matches(_ d: Diagnostic) -> Bool {
    guard d.severity == severity, d.code == code, d.path.description == path else { return false }
    if let line, d.location?.line != line || d.location?.column != column { return false }
    if line == nil, d.location != nil { return false }
    if let hintSubstring, !hintSubstring.isEmpty, d.hint?.contains(hintSubstring) != true {
      return false
    }
    return true
  }
}

public enum ExpectedDiagnostics {
  public struct ParseError: Error, CustomStringConvertible {
    public var line: Int
    public var text: String
    public var description: String { "expected-diagnostics line \(line): cannot parse '\(text)'" }
  }

  /// Parses the sidecar text.
  public static func parse(_ text: String) throws -> [ExpectedDiagnostic] {
    var out: [ExpectedDiagnostic] = []
    for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.drop { $0 == " " }
      if line.isEmpty || line.hasPrefix("#") { continue }
      var hint: String?
      var head = Substring(line)
      if let r = line.firstRange(of: " hint~") {
        hint = String(line[r.upperBound...])
        head = line[..<r.lowerBound]
      }
      let parts = head.split(separator: " ")
      guard parts.count == 4, let severity = Diagnostic.Severity(rawValue: String(parts[0])) else {
        throw ParseError(line: n + 1, text: String(raw))
      }
      var l: Int?
      var c: Int?
      if parts[2] != "-" {
        let lc = parts[2].split(separator: ":")
        guard lc.count == 2, let li = Int(lc[0]), let ci = Int(lc[1]) else {
          throw ParseError(line: n + 1, text: String(raw))
        }
        (l, c) = (li, ci)
      }
      let path = parts[3] == "." ? "" : String(parts[3])
      out.append(
        ExpectedDiagnostic(
          severity: severity, code: String(parts[1]), line: l, column: c, path: path,
          hintSubstring: hint))
    }
    return out
  }
}
