/// Why a ``VersionRange`` could not be parsed, and where.
public struct VersionRangeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kinds of problem.
  public enum Kind: Sendable, Hashable {
    /// The text is empty or only whitespace.
    case empty
    /// A comma with nothing before or after it (`>=0.5,`).
    case emptyClause
    /// An operator with no version after it (`>=`).
    case missingVersion
    /// The version text is not a PEP 440 version (`>=0.x`).
    case invalidVersion(String)
    /// `*` combined with other clauses (`*,<1`), or an operator applied to `*`.
    case wildcardNotAlone
    /// `~` or `^` before a build number (`~b8094`): builds have no components to bump.
    case bumpOfBuildNumber(String)
  }

  /// What went wrong.
  public let kind: Kind
  /// 1-based column (in Unicode scalars) of the problem in ``input``.
  public let column: Int
  /// The text that failed to parse.
  public let input: String

  /// The accepted forms, for hints.
  public static let acceptedForms =
    "accepted forms: '*', '>=0.5', '>0.4', '<=1.0', '<0.6', '!=0.5.1', '=0.5.5.post2', "
    + "'0.5.5' (exact), '~0.5.5' (>=0.5.5,<0.6.0), '^0.10' (>=0.10,<0.11.0), "
    + "llama.cpp builds '>=b8000' or '=b8094'; join clauses with ',' (AND)"

  /// An error of `kind` at `column` of `input`.
  public init(kind: Kind, column: Int, input: String) {
    self.kind = kind
    self.column = column
    self.input = input
  }

  /// A lower-case message fragment.
  public var message: String {
    switch kind {
    case .empty: "empty version range"
    case .emptyClause: "empty clause in version range '\(input)'"
    case .missingVersion: "missing version after operator in '\(input)'"
    case .invalidVersion(let text): "invalid version '\(text)' in range '\(input)'"
    case .wildcardNotAlone: "'*' must be the whole range in '\(input)'"
    case .bumpOfBuildNumber(let text):
      "'~' and '^' do not apply to the build number '\(text)' in '\(input)' (write '>=\(text),<bN')"
    }
  }

  /// What to do about it.
  public var hint: String { Self.acceptedForms }

  /// The column, the problem and a hint.
  public var description: String { "column \(column): \(message) (\(hint))" }
}
