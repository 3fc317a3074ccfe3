/// One finding about a document: severity, stable code, message, where, and what to do.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
  /// How serious a finding is; errors sort first.
  public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
      switch self {
      case .error: return 0
      case .warning: return 1
      case .note: return 2
      }
    }

    /// Orders errors before warnings before notes.
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  }

  /// Error, warning or note.
  public var severity: Severity
  /// A stable identifier such as `unknown-key`, `type-mismatch`, `duplicate-key`.
  public var code: String
  /// A lower-case sentence fragment with quoted values.
  public var message: String
  /// Where in the source the finding is, if known.
  public var location: SourceLocation?
  /// The key path of the value the finding is about (`topology.prefill.nodes`).
  public var path: KeyPath
  /// What to do about it (did-you-mean, allowed values, an example).
  public var hint: String?
  /// A second place the finding refers to (e.g. the first occurrence of a duplicate key).
  public var related: SourceLocation?

  /// A finding of `severity` with a stable `code` and `message`, optionally located.
  public init(
    _ severity: Severity, code: String, _ message: String, at location: SourceLocation? = nil,
    path: KeyPath = .root, hint: String? = nil, related: SourceLocation? = nil
  ) {
    self.severity = severity
    self.code = code
    self.message = message
    self.location = location
    self.path = path
    self.hint = hint
    self.related = related
  }

  /// Compiler-style text: `file:line:col: error: message [path]` plus hint lines.
  public var description: String {
    var out = ""
    if let location { out += "\(location): " }
    out += "\(severity.rawValue): \(message)"
    if !path.isEmpty { out += " [\(path)]" }
    if let related { out += "\n\(related): note: first defined here" }
    if let hint { out += "\n  hint: \(hint)" }
    return out
  }
}

extension Array where Element == Diagnostic {
  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }
  /// The number of errors.
  public var errorCount: Int { count { $0.severity == .error } }
  /// The number of warnings.
  public var warningCount: Int { count { $0.severity == .warning } }
}
