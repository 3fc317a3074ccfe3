// MARK: - Index accessors

extension RecipeV1 {
  /// `model.path`.
  public var modelPath: String? { model?.path }
  /// `model.precision`.
  public var precision: String? { model?.precision }
  /// `resources.gpu_type`, lower-cased.
  public var gpuType: String? { resources?.gpuType?.lowercased() }
  /// `resources.gpus_per_node`.
  public var gpusPerNode: Int? { resources?.gpusPerNode }
  /// The engine: `backend.type`, or sglang.
  public var engineName: String { backend.engine }
  /// The container image: `model.container`, else `identity.container.image`.
  public var image: String? {
    model?.container ?? section("identity")?["container"]?["image"]?.scalar
  }

  /// The engine version: `sglang_version`, else the tag of `model.container`
  /// (`lmsysorg/sglang:v0.5.8-cu130` → `v0.5.8-cu130`; a bare `0.5.5.post2` is itself the
  /// version), else `identity.frameworks.<engine>`. A Dynamo runtime image's tag is Dynamo's
  /// release, not the engine's, so it is skipped.
  public var engineVersion: String? {
    if let sglangVersion { return sglangVersion }
    if let c = model?.container, !DynamoRuntimeImage.matches(c),
      let version = Self.version(ofContainer: c)
    {
      return version
    }
    let key = engineName == "trtllm" ? "tensorrt_llm" : engineName
    return section("identity")?["frameworks"]?[key]?.scalar
  }

  /// The version a container reference gives: its tag as ``ImageReference`` reads it (so
  /// `repo:v0.20.0@sha256:…` gives `v0.20.0`, not the digest), else the whole text when it
  /// starts like a version (`0.5`, `v0.5`) and has no digest.
  private static func version(ofContainer c: String) -> String? {
    let image = ImageReference(c)
    if let tag = image.tag { return tag }
    guard image.digest == nil, let f = c.first,
      f.isNumber || (f == "v" && c.dropFirst().first?.isNumber == true)
    else { return nil }
    return c
  }

  /// Aggregated or disaggregated (from the resources, else from the engine config roles).
  public var topology: Topology? {
    if let t = resources?.topology { return t }
    if backend.configs[.aggregated] != nil { return .aggregated }
    if backend.configs[.prefill] != nil || backend.configs[.decode] != nil { return .disaggregated }
    return nil
  }

  /// Nodes of a role (`aggregated` for an aggregated recipe).
  public func nodes(_ role: V1Role) -> Int? {
    switch role {
    case .prefill: return resources?.prefillNodes
    case .decode: return resources?.decodeNodes
    case .aggregated: return resources?.aggNodes
    }
  }

  /// Workers of a role.
  public func workers(_ role: V1Role) -> Int? {
    switch role {
    case .prefill: return resources?.prefillWorkers
    case .decode: return resources?.decodeWorkers
    case .aggregated: return resources?.aggWorkers
    }
  }

  /// All nodes of the recipe.
  public var totalNodes: Int? {
    switch topology {
    case .aggregated?: return nodes(.aggregated)
    case .disaggregated?:
      guard nodes(.prefill) != nil || nodes(.decode) != nil else { return nil }
      return (nodes(.prefill) ?? 0) + (nodes(.decode) ?? 0)
    case nil: return nil
    }
  }

  /// Total GPUs: nodes × GPUs per node, or the explicit GPUs per worker × workers when a role
  /// shares nodes (`decode_nodes: 0`) or has no node count.
  public var totalGPUs: Int? {
    guard let topology else { return nil }
    let roles: [(V1Role, Int?)] =
      topology == .aggregated
      ? [(.aggregated, resources?.gpusPerAgg)]
      : [(.prefill, resources?.gpusPerPrefill), (.decode, resources?.gpusPerDecode)]
    var total = 0
    for (role, perWorker) in roles {
      if let perWorker, let w = workers(role) {
        total += perWorker * w
      } else if let n = nodes(role), let g = gpusPerNode {
        total += n * g
      } else {
        return nil
      }
    }
    return total
  }
}
