// MARK: - Variants

extension RecipeV2 {
  /// Why a variant could not be applied.
  public struct VariantError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The variant's name.
    public var variant: String
    /// What is wrong with the recipe once the variant is applied.
    public var diagnostics: [Diagnostic]

    /// The diagnostics, one per line.
    public var description: String {
      diagnostics.map(\.description).joined(separator: "\n")
    }
  }

  /// Names of the variants, in order.
  public var variantNames: [String] { variants.map(\.name) }

  /// The recipe with one variant deep-merged over it (without any variants).
  ///
  /// Merge rules (seed 001): mappings merge key by key, scalars and lists replace, `null`
  /// deletes the key. The merged document is decoded and checked like any recipe.
  /// - Throws: `VariantError` with an `unknown-variant` diagnostic listing the known names, or
  ///   with the diagnostics of the merged recipe.
  public func applying(variant name: String) throws(VariantError) -> RecipeV2 {
    guard let variant = variants.first(where: { $0.name == name }) else {
      let known = variantNames
      var hint =
        known.isEmpty
        ? "this recipe has no variants" : "known variants: \(known.joined(separator: ", "))"
      if let near = DidYouMean.closest(to: name, in: known) {
        hint = "did you mean '\(near)'? " + hint
      }
      throw VariantError(
        variant: name,
        diagnostics: [
          Diagnostic(
            .error, code: "unknown-variant", "unknown variant '\(name)'", path: "variants" / name,
            hint: hint)
        ])
    }
    var base = encode()
    base.remove("variants")
    let merged = Self.deepMerge(base, variant.override)
    let context = DecodeContext(file: "<variant \(name)>", unknownKeySeverity: .error)
    let recipe = Self.decode(root: merged, context: context, checkVariants: false)
    guard let recipe, !context.hasErrors else {
      throw VariantError(variant: name, diagnostics: context.diagnostics)
    }
    return recipe
  }

  /// Deep merge of `override` over `base`: mappings merge key by key (new keys appended in
  /// order), any other value replaces, and a `null` in the override deletes the key.
  public static func deepMerge(_ base: YAMLNode, _ override: YAMLNode) -> YAMLNode {
    guard case .mapping(var pairs, let style) = base.kind, let over = override.mapping else {
      return override
    }
    for o in over {
      guard let k = o.key.scalar else { continue }
      let i = pairs.firstIndex { $0.key.scalar == k }
      if o.value.isNull {
        if let i { pairs.remove(at: i) }
      } else if let i {
        pairs[i].value = deepMerge(pairs[i].value, o.value)
      } else {
        pairs.append(YAMLPair(key: o.key, value: deleteNulls(o.value)))
      }
    }
    var out = base
    out.kind = .mapping(pairs, style)
    return out
  }

  /// A new subtree from an override, with null-valued mapping entries left out (they delete
  /// nothing there).
  private static func deleteNulls(_ node: YAMLNode) -> YAMLNode {
    guard case .mapping(let pairs, let style) = node.kind else { return node }
    var out = node
    out.kind = .mapping(
      pairs.filter { !$0.value.isNull }.map { YAMLPair(key: $0.key, value: deleteNulls($0.value)) },
      style)
    return out
  }
}
