public import Schema

/// A recipe file read in any format: its documents, detected format, typed recipe(s), every
/// diagnostic, and its summary.
public struct ReadRecipe: Sendable {
  public var file: String
  public var format: RecipeFormat
  /// Why the format was chosen ("schema: v2", "declared", ...).
  public var formatReason: String
  public var documents: [YAMLDocument]
  /// The v1 model, for `sglang-v1` files.
  public var v1: RecipeV1?
  /// The v2 model: decoded (v2) or imported through the format's converter.
  public var v2: RecipeV2?
  public var diagnostics: [Diagnostic]
  public var summary: RecipeSummary

  /// Whether the file decoded without errors.
  public var isValid: Bool {
    guard !diagnostics.hasErrors else { return false }
    // Matched in place: `v1 != nil` copies the whole recipe to compare it.
    if case .some = v1 { return true }
    if case .some = v2 { return true }
    return false
  }
}
