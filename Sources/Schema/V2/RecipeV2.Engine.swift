extension RecipeV2 {
  /// The serving engine: `engine: {name, version, image}`.
  public struct Engine: Sendable, Hashable {
    /// The engine's name (`sglang`, `vllm`, `trtllm`, ...).
    public typealias Name = EngineName

    /// Which engine serves the recipe.
    public var name: Name
    /// The exact engine version (`0.5.8`, `0.11.0rc2`), always a string.
    public var version: String?
    /// The container image, with tag and/or digest (`repo:tag@sha256:...`).
    public var image: String?

    /// The engine `name`, optionally with a version and an image.
    public init(name: Name, version: String? = nil, image: String? = nil) {
      self.name = name
      self.version = version
      self.image = image
    }
  }
}
