/// Which recipe a plan was built from: enough to find the exact bytes again.
public struct RecipeReference: Sendable, Hashable, Codable {
  /// The recipe name.
  public var name: String
  /// The registry commit the recipe was read at, if it came from a registry.
  public var commit: String?
  /// The git blob id of the recipe file, if known.
  public var blob: String?
  /// The recipe file path (in the registry tree or on disk), if known.
  public var file: String?
  /// The variant applied, if any.
  public var variant: String?

  /// A reference with the given parts.
  public init(
    name: String, commit: String? = nil, blob: String? = nil, file: String? = nil,
    variant: String? = nil
  ) {
    self.name = name
    self.commit = commit
    self.blob = blob
    self.file = file
    self.variant = variant
  }
}
