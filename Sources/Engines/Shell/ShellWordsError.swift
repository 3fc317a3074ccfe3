/// Why ``ShellWords/split(_:)`` failed, and where.
public struct ShellWordsError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kinds of problem.
  public enum Kind: String, Sendable, Hashable {
    /// A `'` with no closing `'`.
    case unterminatedSingleQuote
    /// A `"` with no closing `"`.
    case unterminatedDoubleQuote
    /// A `\` at the very end of the input, escaping nothing.
    case danglingBackslash
  }

  /// What went wrong.
  public let kind: Kind
  /// 0-based UTF-8 byte offset of the opening quote or the backslash.
  public let offset: Int

  /// An error of `kind` at byte `offset`.
  public init(kind: Kind, offset: Int) {
    self.kind = kind
    self.offset = offset
  }

  /// A message naming the problem and where it is.
  public var description: String {
    switch kind {
    case .unterminatedSingleQuote: "unterminated single quote starting at byte \(offset)"
    case .unterminatedDoubleQuote: "unterminated double quote starting at byte \(offset)"
    case .danglingBackslash: "backslash at byte \(offset) escapes nothing (end of input)"
    }
  }
}
