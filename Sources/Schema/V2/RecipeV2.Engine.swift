extension RecipeV2 {
  /// The serving engine: `engine: {name, version, image}`.
  public struct Engine: Sendable, Hashable {
    public typealias Name = EngineName

    public var name: Name
    /// The exact engine version (`0.5.8`, `0.11.0rc2`), always a string.
    public var version: String?
    /// The container image, with tag and/or digest (`repo:tag@sha256:...`).
    public var image: String?

    public init(name: Name, version: String? = nil, image: String? = nil) {
      self.name = name
      self.version = version
      self.image = image
    }
  }
}
