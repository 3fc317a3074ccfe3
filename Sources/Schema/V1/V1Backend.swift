/// Environment and engine flags per role, plus the srt-slurm `backend` settings.
///
/// In the seed layout the environments come from top-level `environment{prefill,decode}` and
/// the flags from top-level `sglang_config`; in the srt-slurm layout from `backend`.
public struct V1Backend: Sendable, Hashable {
  /// `backend.type`: sglang (nil means sglang), vllm, trtllm, mocker.
  public var type: String?
  /// The environment variables of each role.
  public var environments: [V1Role: V1Environment]
  /// The key the engine flags were under: `sglang_config`, `vllm_config`, `trtllm_config`, ...
  public var configKey: String
  /// The engine flags of each role.
  public var configs: [V1Role: V1EngineConfig]
  /// `backend.connector` (`nixl`, or null).
  public var connector: String?
  /// The source mapping (kept for its comments and styles), if decoded.
  public var source: YAMLNode?

  /// A backend with the given settings; every one is optional.
  public init(
    type: String? = nil, environments: [V1Role: V1Environment] = [:],
    configKey: String = "sglang_config",
    configs: [V1Role: V1EngineConfig] = [:], connector: String? = nil, source: YAMLNode? = nil
  ) {
    self.type = type
    self.environments = environments
    self.configKey = configKey
    self.configs = configs
    self.connector = connector
    self.source = source
  }

  /// The engine name: `backend.type`, or sglang.
  public var engine: String { type?.lowercased() ?? "sglang" }

  static let configKeys = ["sglang_config", "vllm_config", "trtllm_config", "mocker_config"]
  /// `prefill_environment`, ... per role, in role order.
  static let environmentKeys = V1Role.allCases.map { ($0, "\($0.rawValue)_environment") }
  static let keys =
    ["type", "gpu_type", "prefill_environment", "decode_environment", "aggregated_environment"]
    + configKeys + ["connector", "kv_events_config", "speedup_ratio", "engine_type"]

  /// Reads `{prefill, decode, aggregated}` role mappings.
  static func roles<T>(
    _ node: YAMLNode, path: KeyPath, context: DecodeContext,
    _ decode: (YAMLNode, KeyPath) -> T?
  ) -> [V1Role: T] {
    guard let r = MappingReader(node, path: path, context: context) else { return [:] }
    var out: [V1Role: T] = [:]
    for role in V1Role.allCases {
      if let n = r.node(role.rawValue), let v = decode(n, path / role.rawValue) { out[role] = v }
    }
    r.finish(known: V1Role.allCases.map(\.rawValue))
    return out
  }

  static func decodeSrt(_ r: MappingReader) -> V1Backend {
    var b = V1Backend(source: r.node)
    b.type = r.oneOf("type", backendTypes)
    _ = r.string("gpu_type")
    for (role, key) in environmentKeys {
      if let n = r.node(key),
        let env = V1Environment.decode(n, path: r.path / key, context: r.context)
      {
        b.environments[role] = env
      }
    }
    let expected = (b.type ?? "sglang") + "_config"
    let present = configKeys.filter(r.has)
    b.configKey = present.contains(expected) ? expected : (present.first ?? expected)
    for key in present {
      guard let n = r.node(key) else { continue }
      let roles = roles(n, path: r.path / key, context: r.context) {
        V1EngineConfig.decode($0, path: $1, context: r.context)
      }
      if key == b.configKey { b.configs = roles }
    }
    if present.count > 1 || (!present.isEmpty && !present.contains(expected)) {
      r.context.warning(
        "engine-mismatch",
        "backend type '\(b.type ?? "sglang")' reads \(expected), found \(present.joined(separator: ", "))",
        at: r.keyNode(present[0]), path: r.path / present[0],
        hint: "set backend.type to match the engine config, or rename the key to \(expected)")
    }
    if let c = r.node("connector"), !c.isNull {
      b.connector = MappingReader.string(c, path: r.path / "connector", context: r.context)
    }
    if let k = r.node("kv_events_config"), !k.isMapping, V1Values.bool(k) == nil, !k.isNull {
      r.context.error(
        "type-mismatch", "expected a boolean or a mapping, found \(MappingReader.describe(k))",
        at: k, path: r.path / "kv_events_config")
    }
    _ = r.double("speedup_ratio")
    _ = r.string("engine_type")
    r.finish(known: keys)
    return b
  }

  static let backendTypes = V1Values.backendTypes

  /// The srt-slurm `backend` mapping.
  func encodeSrt() -> YAMLNode {
    var b = V1MappingBuilder(source: source, canonical: Self.keys)
    b.string("type", type)
    for role in V1Role.allCases {
      b.set(
        "\(role.rawValue)_environment",
        environments[role].map { $0.encode() }
          ?? source?["\(role.rawValue)_environment"].flatMap { $0.isNull ? $0 : nil })
    }
    b.set(configKey, encodeRoles(configs.mapValues { $0.encode() }, source: source?[configKey]))
    if let connector { b.string("connector", connector) }
    return b.build()
  }

  func encodeRoles(_ values: [V1Role: YAMLNode], source: YAMLNode?) -> YAMLNode? {
    if values.isEmpty && source == nil { return nil }
    var b = V1MappingBuilder(source: source, canonical: V1Role.allCases.map(\.rawValue))
    for role in V1Role.allCases { b.set(role.rawValue, values[role]) }
    return b.build()
  }
}
