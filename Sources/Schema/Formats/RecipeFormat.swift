/// The recipe formats the registry recognises, detected from the shape of a document.
public enum RecipeFormat: String, Sendable, Hashable, Codable, CaseIterable {
  /// `schema: v2`.
  case v2 = "v2"
  /// The SGLang recipe format of seed 000 and srt-slurm (`spec/v1`).
  case sglangV1 = "sglang-v1"
  /// Seed 004: `model` + `container` + an `args` map of vLLM flags.
  case vllmArgs = "vllm-args"
  /// A flat map of kebab-case engine flags (`vllm serve --config`).
  case engineConfig = "engine-config"
  /// spark-vllm-docker: `recipe_version: "1"`, `container` + a `command` template.
  case spark = "spark"
  /// sparkrun (a kind of spark): `runtime`, `recipe_version: "2"`, `min_nodes`.
  case sparkrun = "sparkrun"
  /// Seed 001 / deplodock: `engine.llm` named fields, `matrices`.
  case namedField = "named-field"
  /// A Kubernetes `DynamoGraphDeployment`.
  case dynamo = "dynamo"
  /// vllm-project/recipes: one model file (`meta`, `model.model_id`, `variants`,
  /// `compatible_strategies`) that expands into one recipe per variant, strategy and hardware.
  case vllmRecipes = "vllm-recipes"
  case unknown = "unknown"

  /// The format family: sparkrun is a kind of spark.
  public var family: RecipeFormat { self == .sparkrun ? .spark : self }

  /// Detects the format of one document root.
  /// - Parameter declared: a format the caller was told (`--from`); it wins when given.
  /// - Returns: the format and a short reason naming the keys that decided it.
  public static func detect(_ root: YAMLNode, declared: RecipeFormat? = nil) -> (
    format: RecipeFormat, reason: String
  ) {
    if let declared { return (declared, "declared") }
    guard root.mapping != nil else { return (.unknown, "the document is not a mapping") }
    func has(_ k: String) -> Bool { root[k] != nil }
    let text = { (k: String) in root[k]?.scalar }
    if text("schema") == "v2" { return (.v2, "schema: v2") }
    if text("kind") == "DynamoGraphDeployment" { return (.dynamo, "kind: DynamoGraphDeployment") }
    if root["model"]?["model_id"] != nil, has("meta"),
      has("variants") || has("compatible_strategies")
    {
      return (.vllmRecipes, "meta + model.model_id + variants")
    }
    if text("version") == "v1" { return (.sglangV1, "version: v1") }
    if has("sglang_version") { return (.sglangV1, "sglang_version") }
    let body = root["base"].flatMap { $0.isMapping ? $0 : nil } ?? root
    if body["backend"]?.isMapping == true && body["resources"]?.isMapping == true {
      return (
        .sglangV1, root["base"] != nil ? "base with backend + resources" : "backend + resources"
      )
    }
    if body["sglang_config"]?.isMapping == true { return (.sglangV1, "sglang_config") }
    if body["resources"]?["gpu_type"] != nil && body["model"]?.isMapping == true {
      return (.sglangV1, "resources.gpu_type")
    }
    if has("runtime") || text("recipe_version") == "2" || has("min_nodes") {
      return (
        .sparkrun,
        has("runtime")
          ? "runtime" : text("recipe_version") == "2" ? "recipe_version: 2" : "min_nodes"
      )
    }
    if text("recipe_version") == "1" || (has("command") && has("container")) {
      return (.spark, has("recipe_version") ? "recipe_version: 1" : "command + container")
    }
    if root["engine"]?["llm"] != nil || has("matrices") {
      return (.namedField, has("matrices") ? "matrices" : "engine.llm")
    }
    if has("args"), root["args"]?.isMapping == true, has("model"), has("container") {
      return (.vllmArgs, "model + container + args map")
    }
    let pairs = root.mapping ?? []
    if !pairs.isEmpty,
      pairs.allSatisfy({ p in
        guard let k = p.key.scalar, k.contains("-") || k.allSatisfy({ $0.isLowercase }) else {
          return false
        }
        return k.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !p.value.isSequence
      }), pairs.contains(where: { $0.key.scalar?.contains("-") == true })
    {
      return (.engineConfig, "flat map of kebab-case flags")
    }
    return (.unknown, "no known shape")
  }

  /// Detects the format of a multi-document stream (a Dynamo deploy.yaml is a ConfigMap plus a
  /// DynamoGraphDeployment): the first document with a known format wins.
  public static func detect(documents: [YAMLDocument]) -> (format: RecipeFormat, reason: String) {
    for d in documents {
      let r = detect(d.root)
      if r.format != .unknown { return r }
    }
    return (.unknown, documents.isEmpty ? "empty stream" : "no known shape")
  }
}
