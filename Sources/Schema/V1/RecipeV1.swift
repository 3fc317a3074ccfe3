/// A v1 recipe (the SGLang recipe format of seed 000 and its srt-slurm evolution), decoded
/// from either layout into one model that remembers its layout.
///
/// Core sections are typed; the other known sections (`frontend`, `dynamo`, `slurm`, ...) are
/// type-checked and kept as nodes in `sections`. `encode()` writes the layout it came from.
public struct RecipeV1: Sendable, Hashable {
  /// Which v1 layout the recipe is written in (seed or srt-slurm); `encode()` writes the same.
  public var layout: V1Layout
  /// `version: v1` (srt-slurm layout, optional).
  public var version: String?
  /// The recipe's `name`.
  public var name: String?
  /// `sglang_version` (seed layout), e.g. `v0.5.5.post2`.
  public var sglangVersion: String?
  /// The recipe's `labels`, if given.
  public var labels: [String]?
  /// The `model` section.
  public var model: V1Model?
  /// The `resources` section.
  public var resources: V1Resources?
  /// Environments and engine flags per role, whatever the layout.
  public var backend: V1Backend
  /// srt-slurm top-level `environment` (variables for every role).
  public var environment: V1Environment?
  /// The `benchmark` section.
  public var benchmark: V1Benchmark?
  /// The other known sections (`frontend`, `dynamo`, `slurm`, `health_check`, ...) as written.
  public var sections: [YAMLPair]
  /// Whether the recipe is written as `base:` plus variants.
  public var usesBase: Bool
  /// The `override_<name>` and `zip_override_<name>` variants, in source order.
  public var variants: [V1Variant]
  /// The recipe mapping decoded (the root, or `base`).
  public var source: YAMLNode?
  /// The whole original document root (comments included), if decoded.
  public var document: YAMLNode?

  /// An empty recipe of `layout`, without sections or variants.
  public init(layout: V1Layout) {
    self.layout = layout
    self.backend = V1Backend()
    self.sections = []
    self.usesBase = false
    self.variants = []
  }

  /// The value of an untyped section such as `dynamo` or `frontend`.
  public func section(_ key: String) -> YAMLNode? { sections.first { $0.key.scalar == key }?.value }

  static let seedKeys = [
    "name", "sglang_version", "model", "resources", "environment", "sglang_config", "benchmark",
  ]
  static let sectionKeys = [
    "frontend", "dynamo", "slurm", "health_check", "profiling", "setup_script", "sbatch_directives",
    "srun_options", "infra", "identity", "sweep", "extra_mount", "container_mounts", "output",
    "telemetry", "observability", "enable_config_dump", "reporting",
  ]
  static let srtKeys =
    [
      "version", "name", "labels", "model", "resources", "dynamo", "frontend", "backend",
      "environment", "benchmark",
    ]
    + sectionKeys.filter { $0 != "dynamo" && $0 != "frontend" }
  static var allKeys: [String] { srtKeys + ["sglang_version", "sglang_config"] }
}

// MARK: - Decoding

extension RecipeV1 {
  /// Parses and decodes bytes; YAML errors become located diagnostics.
  public static func decode(bytes: [UInt8], file: String) -> (RecipeV1?, [Diagnostic]) {
    do {
      return decode(try YAML.parse(bytes), file: file)
    } catch {
      return (nil, [error.diagnostic(file: file)])
    }
  }

  /// Decodes a v1 document of either layout, reporting every problem in one pass.
  ///
  /// Unknown keys are warnings with a did-you-mean hint (as upstream srtctl); wrong types,
  /// invalid values, missing required keys and conflicting topologies are errors; unknown GPU
  /// types, precisions and benchmark types are warnings listing the known values.
  /// - Returns: the recipe (nil only when the root is not a mapping) and the diagnostics.
  public static func decode(_ doc: YAMLDocument, file: String) -> (RecipeV1?, [Diagnostic]) {
    let ctx = DecodeContext(file: file, unknownKeySeverity: .warning)
    guard let root = MappingReader(doc.root, path: .root, context: ctx) else {
      return (nil, ctx.diagnostics)
    }
    var recipe: RecipeV1
    if let baseNode = root.node("base") {
      guard let base = MappingReader(baseNode, path: "base", context: ctx) else {
        return (nil, ctx.diagnostics)
      }
      recipe = decodeBody(base, partial: false, variantsGiveTopology: true)
      recipe.usesBase = true
      for key in root.keys where key != "base" {
        guard let (kind, name) = V1Variant.parse(key: key), let n = root.node(key) else { continue }
        if kind == .override, let r = MappingReader(n, path: KeyPath.root / key, context: ctx) {
          _ = decodeBody(r, partial: true, layout: recipe.layout)
        } else if kind == .zipOverride, n.mapping == nil {
          _ = MappingReader(n, path: KeyPath.root / key, context: ctx)
        }
        recipe.variants.append(V1Variant(kind: kind, name: name, node: n))
      }
      root.finish(known: ["base", "override_<name>", "zip_override_<name>"])
    } else {
      recipe = decodeBody(root, partial: false)
    }
    recipe.document = doc.root
    return (recipe, ctx.diagnostics)
  }

  static func detectLayout(_ r: MappingReader) -> V1Layout {
    if r.has("sglang_version") || r.has("sglang_config") { return .seed }
    if !r.has("backend"),
      let env = r.node.mapping?.first(where: { $0.key.scalar == "environment" })?.value,
      env.keys.contains(where: { $0 == "prefill" || $0 == "decode" })
    {
      return .seed
    }
    return .srtSlurm
  }

  static func decodeBody(
    _ r: MappingReader, partial: Bool, layout: V1Layout? = nil, variantsGiveTopology: Bool = false
  ) -> RecipeV1 {
    let ctx = r.context
    var x = RecipeV1(layout: layout ?? detectLayout(r))
    x.source = r.node
    if let v = r.node("version") {
      x.version = MappingReader.string(v, path: "version", context: ctx)
      if let s = x.version, s != "v1" {
        ctx.error(
          "invalid-value", "'\(s)' is not a v1 recipe version", at: v, path: r.path / "version",
          hint: "v1 recipes say version: v1 (or nothing)")
      }
    }
    x.name = r.string(
      "name", required: !partial,
      hint: "a short unique recipe name, e.g. deepseek-r1-fp8-gb200-disagg")
    if let n = x.name {
      RecipeName.check(n, at: r.node("name"), path: r.path / "name", context: ctx)
    }
    x.sglangVersion = r.string("sglang_version")
    x.labels = r.stringList("labels")
    if let m = r.mapping("model", required: !partial) {
      x.model = V1Model.decode(m, partial: partial)
    }
    if let m = r.mapping("resources", required: !partial) {
      x.resources = V1Resources.decode(
        m, partial: partial, needsTopology: !partial && !variantsGiveTopology)
    }
    if let m = r.mapping("benchmark") { x.benchmark = V1Benchmark.decode(m) }
    switch x.layout {
    case .seed:
      if let n = r.node("environment") {
        x.backend.environments = V1Backend.roles(n, path: r.path / "environment", context: ctx) {
          V1Environment.decode($0, path: $1, context: ctx)
        }
      }
      if let n = r.node("sglang_config") {
        x.backend.configs = V1Backend.roles(n, path: r.path / "sglang_config", context: ctx) {
          V1EngineConfig.decode($0, path: $1, context: ctx)
        }
      }
      if let m = r.mapping("backend") { x.backend = merge(V1Backend.decodeSrt(m), into: x.backend) }
    case .srtSlurm:
      if let m = r.mapping("backend") { x.backend = V1Backend.decodeSrt(m) }
      if let n = r.node("environment") {
        x.environment = V1Environment.decode(n, path: r.path / "environment", context: ctx)
      }
    }
    for key in sectionKeys {
      guard let n = r.node(key) else { continue }
      checkSection(key, n, path: r.path / key, context: ctx)
      x.sections.append(YAMLPair(key: r.keyNode(key) ?? .string(key), value: n))
    }
    r.finish(known: x.layout == .seed ? seedKeys + srtKeys : allKeys)
    return x
  }

  private static func merge(_ b: V1Backend, into seed: V1Backend) -> V1Backend {
    var out = b
    out.environments.merge(seed.environments) { a, _ in a }
    out.configs.merge(seed.configs) { a, _ in a }
    return out
  }

  /// Type checks of the sections kept as nodes.
  static func checkSection(_ key: String, _ n: YAMLNode, path: KeyPath, context ctx: DecodeContext)
  {
    func reader() -> MappingReader? { MappingReader(n, path: path, context: ctx) }
    switch key {
    case "setup_script":
      _ = MappingReader.string(n, path: path, context: ctx)
    case "enable_config_dump":
      _ = MappingReader.bool(n, path: path, context: ctx)
    case "sbatch_directives", "srun_options":
      _ = MappingReader.stringMap(n, path: path, context: ctx)
    case "health_check":
      guard let r = reader() else { return }
      _ = r.int("max_attempts", min: 1)
      _ = r.int("interval_seconds", min: 1)
      r.finish(known: ["max_attempts", "interval_seconds"])
    case "slurm":
      guard let r = reader() else { return }
      for k in ["time_limit", "partition", "account", "qos", "reservation"] { _ = r.string(k) }
      r.finish(known: ["time_limit", "partition", "account", "qos", "reservation"])
    case "dynamo":
      guard let r = reader() else { return }
      for k in ["version", "hash", "request_plane", "wheel", "event_plane"] { _ = r.string(k) }
      for k in ["install", "top_of_tree"] { _ = r.bool(k) }
      _ = r.stringList("cargo_patches")
      r.finish(known: [
        "version", "hash", "request_plane", "wheel", "install", "top_of_tree", "event_plane",
        "cargo_patches",
      ])
    case "frontend":
      guard let r = reader() else { return }
      _ = V1Values.open(r, "type", V1Values.frontendTypes)
      for k in [
        "enable_multiple_frontends", "nginx_session_affinity", "nginx_raise_ulimit",
        "dedicated_node",
      ] {
        _ = r.bool(k)
      }
      _ = r.int("num_additional_frontends", min: 0)
      for k in [
        "nginx_container", "nginx_session_affinity_header", "nginx_keepalive_timeout",
        "orchestrator_placement",
      ] {
        _ = r.string(k)
      }
      for k in ["args", "ctx_router", "gen_router", "server_config_extra"]
      where r.node(k)?.isNull == false {
        _ = r.mapping(k)
      }
      _ = r.stringMap("env")
      r.finish(known: [
        "type", "enable_multiple_frontends", "nginx_session_affinity", "num_additional_frontends",
        "nginx_container", "nginx_session_affinity_header", "args", "env", "nginx_raise_ulimit",
        "dedicated_node", "nginx_keepalive_timeout", "orchestrator_placement", "ctx_router",
        "gen_router",
        "server_config_extra",
      ])
    case "profiling":
      guard let r = reader() else { return }
      _ = r.oneOf("type", V1Values.profilingTypes)
      for k in ["isl", "osl", "concurrency"] { _ = V1Values.int(r, k, min: 1) }
      for k in ["delay_secs", "duration_secs", "benchmark_duration_secs"] {
        _ = V1Values.int(r, k, min: 0)
      }
      _ = r.stringList("extra_nsys_args")
      for role in V1Role.allCases {
        guard let p = r.mapping(role.rawValue) else { continue }
        _ = p.int("start_step", min: 0)
        _ = p.int("stop_step", min: 0)
        p.finish(known: ["start_step", "stop_step"])
      }
      r.finish(
        known: [
          "type", "isl", "osl", "concurrency", "extra_nsys_args", "delay_secs", "duration_secs",
          "benchmark_duration_secs",
        ]
          + V1Role.allCases.map(\.rawValue))
    case "infra":
      guard let r = reader() else { return }
      _ = r.bool("etcd_nats_dedicated_node")
      _ = r.int("nats_max_payload_mb", min: 1)
      r.finish(known: ["etcd_nats_dedicated_node", "nats_max_payload_mb"])
    case "identity", "sweep", "output", "telemetry", "observability", "reporting":
      _ = reader()
    case "extra_mount", "container_mounts":
      if !n.isSequence && !n.isMapping && !n.isNull {
        ctx.error(
          "type-mismatch", "expected a list, found \(MappingReader.describe(n))", at: n, path: path)
      }
    default:
      break
    }
  }
}

// MARK: - Encoding

extension RecipeV1 {
  /// The recipe as a YAML node in the layout it came from: keys in source order when decoded
  /// from a source (untyped keys and comments kept), canonical seed/srt-slurm order otherwise.
  public func encode() -> YAMLNode {
    let body = encodeBody()
    guard usesBase else { return body }
    var b = V1MappingBuilder(source: document, canonical: ["base"])
    b.set("base", body)
    for v in variants { b.set(v.key, v.node) }
    return b.build()
  }

  private func encodeBody() -> YAMLNode {
    var b = V1MappingBuilder(
      source: source, canonical: layout == .seed ? Self.seedKeys + Self.srtKeys : Self.srtKeys)
    b.string("version", version)
    b.string("name", name)
    b.string("sglang_version", sglangVersion)
    b.scalar("labels", labels, read: { $0.sequence?.compactMap(\.scalar) }) {
      .sequence($0.map(YAMLNode.string), style: .flow)
    }
    b.set("model", model?.encode())
    b.set("resources", resources?.encode(layout: layout))
    switch layout {
    case .seed:
      b.set(
        "environment",
        backend.encodeRoles(
          backend.environments.mapValues { $0.encode() }, source: source?["environment"]))
      b.set(
        "sglang_config",
        backend.encodeRoles(
          backend.configs.mapValues { $0.encode() }, source: source?["sglang_config"]))
      if let n = source?["backend"] { b.set("backend", n) }
    case .srtSlurm:
      b.set("backend", backend.encodeSrt())
      b.set("environment", environment?.encode())
    }
    b.set("benchmark", benchmark?.encode())
    for p in sections { if let k = p.key.scalar { b.set(k, p.value) } }
    return b.build()
  }
}
