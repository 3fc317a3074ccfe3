/// A document that cannot be read as YAML, with the place it went wrong.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong; the raw value is the diagnostic code.
  public enum Kind: String, Sendable, Hashable, Codable {
    case syntax = "yaml-syntax"
    case duplicateKey = "duplicate-key"
    case aliasBudget = "alias-budget"
    case unknownAlias = "unknown-alias"
    case depthLimit = "depth-limit"
    case sizeLimit = "size-limit"
    case multipleDocuments = "multiple-documents"
    case invalidUTF8 = "invalid-utf8"
    case tabIndentation = "tab-indentation"
    case emptyDocument = "empty-document"
    case nonScalarKey = "non-scalar-key"
    case invalidMerge = "invalid-merge"
  }

  /// What went wrong.
  public var kind: Kind
  /// A lower-case sentence fragment describing the problem.
  public var message: String
  /// Where it went wrong.
  public var mark: Mark
  /// The other place involved (the first occurrence of a duplicate key).
  public var related: Mark?
  /// What to do about it, if there is advice.
  public var hint: String?

  /// An error of `kind` at `mark`, optionally with a related mark and a hint.
  public init(
    _ kind: Kind, _ message: String, at mark: Mark, related: Mark? = nil, hint: String? = nil
  ) {
    self.kind = kind
    self.message = message
    self.mark = mark
    self.related = related
    self.hint = hint
  }

  /// `line:column: message`.
  public var description: String { "\(mark): \(message)" }

  /// The same facts as a diagnostic in a named file.
  public func diagnostic(file: String, path: KeyPath = .root) -> Diagnostic {
    Diagnostic(
      .error, code: kind.rawValue, message, at: SourceLocation(file: file, mark: mark), path: path,
      hint: hint, related: related.map { SourceLocation(file: file, mark: $0) })
  }
}
