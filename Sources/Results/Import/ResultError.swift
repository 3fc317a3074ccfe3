public import Registry

/// Why a benchmark result cannot be read, imported or stored: where (`file:line:col`), what,
/// and what to do.
public struct ResultError: ClassifiedError, Hashable {
  /// What went wrong.
  public enum Reason: String, Sendable, Hashable {
    /// The file is not JSON or JSON lines, or not a record.
    case unreadable
    /// No importer recognises the file.
    case unknownFormat
    /// The run measured nothing usable: zero output tokens, every request failed.
    case rejected
    /// A figure every record needs is not in the file.
    case missingFigure
    /// The recipe or its results are not in the registry.
    case notFound
    /// The request contradicts itself (a bad option value).
    case invalidRequest
  }

  /// What went wrong.
  public var reason: Reason
  /// The file the problem is in.
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// 1-based column, when known.
  public var column: Int?
  /// The message (a lower-case fragment).
  public var message: String
  /// What to do about it.
  public var hint: String?

  /// An error at `file:line:column`.
  public init(
    _ reason: Reason, file: String, line: Int? = nil, column: Int? = nil, _ message: String,
    hint: String? = nil
  ) {
    self.reason = reason
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.hint = hint
  }

  /// A record that does not decode.
  static func unreadable(file: String, line: Int, column: Int, reason: String, hint: String)
    -> ResultError
  {
    ResultError(.unreadable, file: file, line: line, column: column, reason, hint: hint)
  }

  /// `file:line:col` (as much as is known).
  public var location: String {
    file + (line.map { ":\($0)" } ?? "") + (line != nil ? (column.map { ":\($0)" } ?? "") : "")
  }

  /// `file:line:col: message` and the hint on its own line.
  public var description: String {
    (file.isEmpty ? "" : location + ": ") + message + (hint.map { "\n  hint: \($0)" } ?? "")
  }

  /// The exit class: not found (3), invalid request (64-like), else failed (1).
  public var kind: FailureKind {
    switch reason {
    case .notFound: .notFound
    case .invalidRequest: .invalidRequest
    default: .failed
    }
  }
}
