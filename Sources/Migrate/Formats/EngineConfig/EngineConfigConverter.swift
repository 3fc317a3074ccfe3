internal import Engines
public import Schema

/// `engine-config`: a flat map of engine flags as `vllm serve --config` reads it
/// (vllm-project/recipes `Llama/*.yaml`, `OpenAI/*.yaml`): `flag-name: value`, negative
/// booleans (`no-enable-prefix-caching: true`) and JSON-in-string values
/// (`compilation-config: '{...}'`).
///
/// The format carries no model (unless a `model:` key), no engine version, GPU, env or
/// topology. Import: the engine is vLLM, or SGLang when the flags resolve only in the SGLang
/// catalog; a missing model becomes the placeholder `modelPlaceholder` with a warning; a
/// negation becomes the flag with `false`; JSON strings become structured values. Export: the
/// flat map of the aggregated role; everything else is reported as a loss (the normal case
/// for this format).
public struct EngineConfigConverter: FormatConverter {
  /// The engine config converter.
  public init() {}
  /// `.engineConfig`.
  public var format: RecipeFormat { .engineConfig }

  /// The model path of an imported file that names no model.
  public static let modelPlaceholder = "<model: not in the engine-config file>"

  /// vLLM, unless some flag resolves only in the SGLang catalog and none only in vLLM's.
  static func engine(for keys: [String]) -> EngineName {
    guard let v = ForeignCatalogs.catalog(engine: .vllm, version: nil),
      let s = ForeignCatalogs.catalog(engine: .sglang, version: nil)
    else { return .vllm }
    var onlySGLang = 0
    var onlyVLLM = 0
    for k in keys {
      let f = "--" + k.drop { $0 == "-" }
      let inV = v.resolve(f) != nil
      let inS = s.resolve(f) != nil
      if inV && !inS { onlyVLLM += 1 }
      if inS && !inV { onlySGLang += 1 }
    }
    return onlySGLang > 0 && onlyVLLM == 0 ? .sglang : .vllm
  }
}
