public import Schema

// MARK: - Reading a file as v2

// The one place that turns a read file of any format into v2: `plan`, `show --as`, `lint`,
// the index and publishing all start here.

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

  /// The recipe's canonical v2 text with its comments on their keys (a v2 file's own
  /// comments; another format's through its converter's comment placements), or nil when it
  /// cannot be converted (no converter for its format, or the conversion failed).
  ///
  /// Publishing writes this text.
  public func canonicalV2Text() -> [UInt8]? {
    var recipe = v2
    var placements: [CommentPlacement] = []
    if format == .v2, let doc = documents.first {
      placements = CommentTransplant.collect(doc.root)
    } else if let converter = Converters.converter(for: format) {
      // Converted again for the comments, which the reader does not keep.
      let c = converter.toV2(documents, file: file)
      guard c.succeeded else { return nil }
      recipe = c.value
      placements = c.comments
    } else {
      return nil
    }
    guard let recipe else { return nil }
    var doc = YAMLDocument(root: CommentTransplant.apply(placements, to: recipe.encode()))
    doc.trailingComments = documents.first?.trailingComments ?? []
    return Array(YAMLEmitter.emit(doc).utf8)
  }
}
