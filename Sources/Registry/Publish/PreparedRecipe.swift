public import Schema

/// A recipe file made ready to publish: its name, the path it goes to, the bytes written
/// (canonical v2 or the source text), and the warnings to print.
public struct PreparedRecipe: Sendable {
  /// The source file's display name.
  public var file: String
  /// The recipe's name.
  public var name: String
  /// Path in the registry tree.
  public var path: String
  /// The bytes written.
  public var bytes: [UInt8]
  /// The format written (`v2`, or the source's with keepFormat).
  public var format: String
  /// The facts the index stores about the recipe.
  public var summary: RecipeSummary
  /// Warnings (and, with force, errors) of the source.
  public var diagnostics: [Diagnostic]
}
