public import Schema

extension ReadRecipe {
  /// The recipe as v2, whatever its format: `v2` when the reader decoded or imported it,
  /// otherwise (sglang-v1, whose reader keeps the v1 model) imported now through the format's
  /// converter; nil when neither gives one.
  ///
  /// - Returns: the recipe and the import's diagnostics that `diagnostics` does not already
  ///   hold (e.g. a v1 override with no v2 variant).
  public func importedV2() -> (recipe: RecipeV2?, diagnostics: [Diagnostic]) {
    if let v2 { return (v2, []) }
    guard v1 != nil, let converter = Converters.converter(for: format) else { return (nil, []) }
    let c = converter.toV2(documents, file: file)
    return (c.value, c.diagnostics.filter { !diagnostics.contains($0) })
  }
}
