/// A plugin that extends an engine's server with flags of its own, installed on top of the
/// engine (`engine.plugins` of a v2 recipe).
///
/// `rawValue` is the spelling used in recipes and the catalog folder name under
/// `spec/engines/` (`spec/engines/vllm-omni/<version>.tsv`: the flags the plugin adds, an
/// overlay on the engine's own catalog).
public enum EnginePlugin: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// vLLM-Omni (PyPI `vllm-omni`): `vllm serve MODEL --omni` serves text, audio, image and
  /// video generation models (TTS at `/v1/audio/speech`, diffusion at `/v1/images/...` and
  /// `/v1/videos/...`). From vLLM 0.20 the `vllm` command hands a command line with `--omni`
  /// to the plugin, whose serve command is vLLM's parser plus its own `OmniConfig` flags.
  case vllmOmni = "vllm-omni"

  /// The engine the plugin extends.
  public var engine: EngineName {
    switch self {
    case .vllmOmni: return .vllm
    }
  }

  /// The flag that hands a command line to the plugin (`--omni`), nil when loading the
  /// plugin is enough.
  public var switchFlag: String? {
    switch self {
    case .vllmOmni: return "--omni"
    }
  }

  /// Whether a plugin release works with the engine releases of its own major.minor only
  /// (vLLM-Omni 0.30.0 with vLLM 0.30.x: it warns at start-up when the two differ).
  public var alignsWithEngineMinor: Bool {
    switch self {
    case .vllmOmni: return true
    }
  }

  /// The Python package that installs it.
  public var package: String { rawValue }

  /// The plugin's spelling (`vllm-omni`).
  public var description: String { rawValue }
}
