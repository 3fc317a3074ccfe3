public import Schema

/// The outcome of reading or writing one format: the value (nil when it failed), located
/// diagnostics, what could not be expressed, and where source comments go.
public struct Conversion<Value: Sendable>: Sendable {
  /// The value read or written; nil when the conversion failed.
  public var value: Value?
  /// Located diagnostics.
  public var diagnostics: [Diagnostic]
  /// What the target could not express.
  public var losses: [LossEntry]
  /// Comments of the source, by their path in the output.
  public var comments: [CommentPlacement]
  /// For a v2 value: the value encoded (`RecipeV2.encode()`) when the converter built that
  /// tree anyway, so that callers need not encode again; nil otherwise.
  public var encoded: YAMLNode?

  /// A conversion result with the given parts.
  public init(
    value: Value?, diagnostics: [Diagnostic] = [], losses: [LossEntry] = [],
    comments: [CommentPlacement] = [], encoded: YAMLNode? = nil
  ) {
    self.value = value
    self.diagnostics = diagnostics
    self.losses = losses
    self.comments = comments
    self.encoded = encoded
  }

  /// Whether the conversion produced a value and no errors.
  public var succeeded: Bool { value != nil && !diagnostics.hasErrors }
}
