extension RecipeV2 {
  /// The serving engine: `engine: {name, version, image, plugins}`.
  public struct Engine: Sendable, Hashable {
    /// The engine's name (`sglang`, `vllm`, `trtllm`, ...).
    public typealias Name = EngineName

    /// Which engine serves the recipe.
    public var name: Name
    /// The exact engine version (`0.5.8`, `0.11.0rc2`), always a string.
    public var version: String?
    /// The container image, with tag and/or digest (`repo:tag@sha256:...`).
    public var image: String?
    /// Plugins installed on top of the engine whose flags the recipe uses (vLLM-Omni).
    public var plugins: [Plugin]

    /// The engine `name`, optionally with a version, an image and plugins.
    public init(name: Name, version: String? = nil, image: String? = nil, plugins: [Plugin] = []) {
      self.name = name
      self.version = version
      self.image = image
      self.plugins = plugins
    }

    /// The plugin `name` when the recipe uses it.
    public func plugin(_ name: EnginePlugin) -> Plugin? { plugins.first { $0.name == name } }
  }
}
