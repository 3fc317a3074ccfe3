extension RecipeV2 {
  /// An engine plugin the recipe needs: `engine.plugins: [{name, version, install}]`.
  public struct Plugin: Sendable, Hashable {
    /// Which plugin (`vllm-omni`).
    public var name: EnginePlugin
    /// The exact plugin release its flags are checked against (`0.30.0`).
    public var version: String?
    /// How the source says to install it, as written (`uv pip install git+https://…`); nil:
    /// the release from PyPI (`pip install vllm-omni==VERSION`).
    public var install: String?

    /// The plugin `name`, optionally with a version and an install command.
    public init(name: EnginePlugin, version: String? = nil, install: String? = nil) {
      self.name = name
      self.version = version
      self.install = install
    }
  }
}
