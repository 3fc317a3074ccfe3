public import Schema

/// One vllm-project/recipes model file (`models/<org>/<Model>.yaml`), read for expansion.
///
/// Only what expansion needs is typed; everything else stays in ``root`` (the exporter and
/// the `launcher.vllm_recipes` block keep `meta` as written).
public struct VLLMRecipesModelFile: Sendable, Hashable {
  /// One entry of `features`: a named set of args (and env) that can be switched on.
  public struct Feature: Sendable, Hashable {
    /// The feature's key (`tool_calling`).
    public var name: String
    /// Its description, if given.
    public var description: String?
    /// The command-line words it adds.
    public var args: [String]
    /// The environment it adds.
    public var env: [(String, String)]
    /// Whether the file lists it in `opt_in_features` (off unless asked for).
    public var optIn: Bool

    public static func == (a: Feature, b: Feature) -> Bool {
      a.name == b.name && a.description == b.description && a.args == b.args
        && a.env.map { [$0.0, $0.1] } == b.env.map { [$0.0, $0.1] } && a.optIn == b.optIn
    }
    public func hash(into h: inout Hasher) { h.combine(name) }
  }

  /// The document as written.
  public var root: YAMLNode
  /// `model.model_id`.
  public var modelID: String
  /// `meta.slug`, else the last part of the model id, lower-cased.
  public var slug: String
  /// `features`, in file order.
  public var features: [Feature]
  /// `variants` keys with their mappings, in file order.
  public var variants: [(name: String, node: YAMLNode)]
  /// `compatible_strategies`, in file order.
  public var strategies: [String]
  /// The tasks of the `omni` block, in file order (none for a model vLLM serves alone).
  public var omniTasks: [VLLMRecipesOmniTask]

  /// True for a model served by vLLM-Omni (the `vllm-omni` plugin: `vllm serve --omni`, its
  /// own flags such as `--diffusion-attention-backend`), which the file marks with a top-level
  /// `omni` block, an `omni` task in `meta.tasks` or `--omni` in `model.base_args`. The
  /// recipes site adds `--omni` to such a model's command itself.
  public var isOmni: Bool {
    root["omni"] != nil || Self.words(root["meta"]?["tasks"]).contains("omni")
      || Self.words(root["model"]?["base_args"]).contains("--omni")
  }

  public static func == (a: Self, b: Self) -> Bool { a.root == b.root }
  public func hash(into h: inout Hasher) { h.combine(modelID) }

  /// Reads a model file.
  /// - Returns: nil (with an error in `diagnostics`) when `model.model_id` is missing.
  public static func read(_ root: YAMLNode, file: String, diagnostics: inout [Diagnostic])
    -> VLLMRecipesModelFile?
  {
    guard let id = root["model"]?["model_id"]?.scalar else {
      diagnostics.append(
        Diagnostic(
          .error, code: "missing-key", "a vllm-recipes model file needs model.model_id",
          at: SourceLocation(file: file, mark: root.start), path: "model.model_id"))
      return nil
    }
    let optIn = Set(Self.words(root["opt_in_features"]))
    var features: [Feature] = []
    for pair in root["features"]?.mapping ?? [] {
      guard let name = pair.key.scalar else { continue }
      features.append(
        Feature(
          name: name, description: pair.value["description"]?.scalar,
          args: Self.words(pair.value["args"]), env: Self.env(pair.value["env"]),
          optIn: optIn.contains(name)))
    }
    let variants: [(name: String, node: YAMLNode)] = (root["variants"]?.mapping ?? [])
      .compactMap { p in p.key.scalar.map { ($0, p.value) } }
    let slug =
      root["meta"]?["slug"]?.scalar
      ?? String(id.split(separator: "/").last ?? Substring(id)).lowercased()
    return VLLMRecipesModelFile(
      root: root, modelID: id, slug: slug, features: features,
      variants: variants.isEmpty ? [("default", .mapping([]))] : variants,
      strategies: Self.words(root["compatible_strategies"]),
      omniTasks: VLLMRecipesOmniTask.read(root["omni"]))
  }

  /// The scalars of a sequence (a missing or non-sequence node: none).
  static func words(_ node: YAMLNode?) -> [String] {
    (node?.sequence ?? []).compactMap(\.scalar)
  }

  /// The pairs of a mapping of scalars, in order (null values are skipped).
  static func env(_ node: YAMLNode?) -> [(String, String)] {
    (node?.mapping ?? []).compactMap { p in
      guard let k = p.key.scalar, let v = p.value.scalar, !p.value.isNull else { return nil }
      return (k, v)
    }
  }
}
