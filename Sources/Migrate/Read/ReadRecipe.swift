public import Schema

/// A recipe file read in any format: its documents, detected format, typed recipe(s), every
/// diagnostic, and its summary.
public struct ReadRecipe: Sendable {
  /// The file read.
  public var file: String
  /// The detected (or chosen) format.
  public var format: RecipeFormat
  /// Why the format was chosen ("schema: v2", "declared", ...).
  public var formatReason: String
  /// The file's YAML documents.
  public var documents: [YAMLDocument]
  /// The v1 model, for `sglang-v1` files.
  public var v1: RecipeV1?
  /// The v2 model: decoded (v2) or imported through the format's converter.
  public var v2: RecipeV2?
  /// Every diagnostic of reading, decoding and importing the file.
  public var diagnostics: [Diagnostic]
  /// The facts the index stores about the recipe.
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
