extension RecipeV2 {
  /// A named partial recipe, deep-merged over the base by `applying(variant:)`.
  public struct Variant: Sendable, Hashable {
    /// The variant's name.
    public var name: String
    /// The override, a mapping shaped like a recipe (without `schema` and `variants`).
    public var override: YAMLNode

    /// A variant `name` that applies `override`.
    public init(name: String, override: YAMLNode) {
      self.name = name
      self.override = override
    }
  }
}
