// MARK: - Encoding

extension RecipeV2 {
  /// The recipe as a YAML node in canonical key order (see `keyOrder`), with absent and empty
  /// sections left out; `YAMLEmitter.emit(recipe.encode())` gives the canonical file.
  public func encode() -> YAMLNode {
    var pairs: [YAMLPair] = [
      YAMLPair("schema", .string(Self.schemaVersion)), YAMLPair("name", .string(name)),
    ]
    pairs.reserveCapacity(17)
    if let description { pairs.append(YAMLPair("description", .string(description))) }
    if !labels.isEmpty {
      pairs.append(YAMLPair("labels", .sequence(labels.map { .string($0) }, style: .flow)))
    }
    if let status {
      if let reason = status.reason {
        pairs.append(
          YAMLPair(
            "status",
            .mapping(["state": .string(status.state.rawValue), "reason": .string(reason)])))
      } else {
        pairs.append(YAMLPair("status", .string(status.state.rawValue)))
      }
    }
    var m: [YAMLPair] = [YAMLPair("path", .string(model.path))]
    m.reserveCapacity(5)
    add(&m, "revision", model.revision)
    add(&m, "precision", model.precision)
    add(&m, "served_name", model.servedName)
    add(&m, "task", model.task)
    pairs.append(YAMLPair("model", .mapping(m)))
    var e: [YAMLPair] = [YAMLPair("name", .string(engine.name.rawValue))]
    e.reserveCapacity(3)
    add(&e, "version", engine.version)
    add(&e, "image", engine.image)
    if !engine.plugins.isEmpty {
      let items: [YAMLNode] = engine.plugins.map { p in
        var m: [YAMLPair] = [YAMLPair("name", .string(p.name.rawValue))]
        add(&m, "version", p.version)
        add(&m, "install", p.install)
        return .mapping(m)
      }
      e.append(YAMLPair("plugins", .sequence(items)))
    }
    pairs.append(YAMLPair("engine", .mapping(e)))
    if let resources {
      var r: [YAMLPair] = []
      r.reserveCapacity(2)
      add(&r, "gpu_type", resources.gpuType)
      if let n = resources.gpusPerNode { r.append(YAMLPair("gpus_per_node", .int(n))) }
      pairs.append(YAMLPair("resources", .mapping(r)))
    }
    var t: [YAMLPair] = []
    t.reserveCapacity(3)
    for role in topology.roleNames {
      guard let p = topology.roles[role] else { continue }
      var rp: [YAMLPair] = [YAMLPair("nodes", .int(p.nodes)), YAMLPair("workers", .int(p.workers))]
      rp.reserveCapacity(3)
      if let g = p.gpusPerWorker { rp.append(YAMLPair("gpus_per_worker", .int(g))) }
      t.append(YAMLPair(role.rawValue, .mapping(rp)))
    }
    pairs.append(YAMLPair("topology", .mapping(t)))
    if !serving.isEmpty { pairs.append(YAMLPair("serving", Self.encode(serving))) }
    if !args.isEmpty { pairs.append(YAMLPair("args", Self.encode(args))) }
    if !env.isEmpty { pairs.append(YAMLPair("env", Self.encode(env))) }
    let rolePairs: [YAMLPair] = roles.keys.sorted().compactMap { role in
      guard let rc = roles[role] else { return nil }
      var p: [YAMLPair] = []
      p.reserveCapacity(3)
      if !rc.serving.isEmpty { p.append(YAMLPair("serving", Self.encode(rc.serving))) }
      if !rc.args.isEmpty { p.append(YAMLPair("args", Self.encode(rc.args))) }
      if !rc.env.isEmpty { p.append(YAMLPair("env", Self.encode(rc.env))) }
      return YAMLPair(role.rawValue, .mapping(p))
    }
    if !rolePairs.isEmpty { pairs.append(YAMLPair("roles", .mapping(rolePairs))) }
    if let benchmark { pairs.append(YAMLPair("benchmark", Self.encode(benchmark))) }
    if let launcher { pairs.append(YAMLPair("launcher", Self.encode(launcher))) }
    if !variants.isEmpty {
      pairs.append(
        YAMLPair(
          "variants", .mapping(variants.map { YAMLPair($0.name, Self.stripped($0.override)) })))
    }
    if let provenance { pairs.append(YAMLPair("provenance", Self.encode(provenance))) }
    return .mapping(pairs)
  }

  private func add(_ pairs: inout [YAMLPair], _ key: String, _ value: String?) {
    if let value { pairs.append(YAMLPair(key, .string(value))) }
  }

  static func encode(_ s: Serving) -> YAMLNode {
    var p: [YAMLPair] = []
    p.reserveCapacity(7)
    func int(_ f: NamedField, _ v: Int?) { if let v { p.append(YAMLPair(f.key, .int(v))) } }
    int(.tensorParallelSize, s.tensorParallelSize)
    int(.pipelineParallelSize, s.pipelineParallelSize)
    int(.dataParallelSize, s.dataParallelSize)
    int(.expertParallelSize, s.expertParallelSize)
    if let g = s.gpuMemoryUtilization {
      p.append(YAMLPair(NamedField.gpuMemoryUtilization.key, .float(g)))
    }
    int(.contextLength, s.contextLength)
    int(.maxConcurrentRequests, s.maxConcurrentRequests)
    return .mapping(p)
  }

  static func encode(_ args: [EngineArg]) -> YAMLNode {
    .mapping(args.map { YAMLPair($0.flag, encode($0.value)) })
  }

  static func encode(_ v: ArgValue) -> YAMLNode {
    switch v {
    case .string(let s): return .string(s)
    case .int(let i): return .int(i)
    case .float(let d): return .float(d)
    case .bool(let b): return .bool(b)
    case .null: return .null
    case .list(let items): return .sequence(items.map { encode($0) }, style: .flow)
    case .structured(let node): return stripped(node)
    }
  }

  static func encode(_ env: [EnvVar]) -> YAMLNode {
    .mapping(env.map { YAMLPair($0.name, $0.value.map { YAMLNode.string($0) } ?? .null) })
  }

  static func encode(_ b: Benchmark) -> YAMLNode {
    var p: [YAMLPair] = [YAMLPair("tool", .string(b.tool))]
    p.reserveCapacity(8)
    if let isl = b.isl { p.append(YAMLPair("isl", .int(isl))) }
    if let osl = b.osl { p.append(YAMLPair("osl", .int(osl))) }
    if !b.concurrencies.isEmpty {
      p.append(YAMLPair("concurrencies", .sequence(b.concurrencies.map { .int($0) }, style: .flow)))
    }
    switch b.requestRate {
    case .infinite?: p.append(YAMLPair("request_rate", .string("inf")))
    case .perSecond(let d)?: p.append(YAMLPair("request_rate", .float(d)))
    case nil: break
    }
    if !b.thresholds.isEmpty {
      p.append(
        YAMLPair("thresholds", .mapping(b.thresholds.map { YAMLPair($0.name, .float($0.value)) })))
    }
    if let a = b.args { p.append(YAMLPair("args", stripped(a))) }
    return .mapping(p)
  }

  static func encode(_ l: Launcher) -> YAMLNode {
    var p: [YAMLPair] = []
    p.reserveCapacity(12)
    if let v = l.clusterOnly { p.append(YAMLPair("cluster_only", .bool(v))) }
    if let v = l.soloOnly { p.append(YAMLPair("solo_only", .bool(v))) }
    if let v = l.minNodes { p.append(YAMLPair("min_nodes", .int(v))) }
    if let v = l.maxNodes { p.append(YAMLPair("max_nodes", .int(v))) }
    if let v = l.port { p.append(YAMLPair("port", .int(v))) }
    if let v = l.host { p.append(YAMLPair("host", .string(v))) }
    if let v = l.command {
      p.append(
        YAMLPair(
          "command", YAMLNode(.scalar(v, v.contains("\n") ? .literal : .plain)).forcingString()))
    }
    if let v = l.parameters { p.append(YAMLPair("parameters", stripped(v))) }
    if !l.mods.isEmpty { p.append(YAMLPair("mods", .sequence(l.mods.map { .string($0) }))) }
    if !l.buildArgs.isEmpty {
      p.append(YAMLPair("build_args", .sequence(l.buildArgs.map { .string($0) })))
    }
    for tool in Launcher.Tool.allCases {
      if let v = l.tools[tool] { p.append(YAMLPair(tool.rawValue, stripped(v))) }
    }
    return .mapping(p)
  }

  static func encode(_ pv: Provenance) -> YAMLNode {
    var p: [YAMLPair] = [YAMLPair("source_format", .string(pv.sourceFormat))]
    p.reserveCapacity(5)
    if let v = pv.sourcePath { p.append(YAMLPair("source_path", .string(v))) }
    if let v = pv.upstreamURL { p.append(YAMLPair("upstream_url", .string(v))) }
    if let v = pv.upstreamCommit { p.append(YAMLPair("upstream_commit", .string(v))) }
    if let rt = pv.roundtrip {
      var r: [YAMLPair] = []
      r.reserveCapacity(4)
      if let v = rt.layout { r.append(YAMLPair("layout", .string(v))) }
      if !rt.flagSpellings.isEmpty {
        r.append(
          YAMLPair(
            "flag_spellings",
            .mapping(rt.flagSpellings.map { YAMLPair($0.field.key, .string($0.flag)) })))
      }
      if !rt.keyOrder.isEmpty {
        r.append(YAMLPair("key_order", .sequence(rt.keyOrder.map { .string($0) }, style: .flow)))
      }
      if let v = rt.extra { r.append(YAMLPair("extra", stripped(v))) }
      p.append(YAMLPair("roundtrip", .mapping(r)))
    }
    return .mapping(p)
  }

  /// A copy of a kept node without source marks and comments (content and styles stay), so
  /// that the canonical output does not depend on where the node came from.
  static func stripped(_ node: YAMLNode) -> YAMLNode { strippedCopy(node) ?? node }

  /// The stripped node, or nil when `node` has no marks and comments anywhere (built in code):
  /// it is then its own stripped copy.
  private static func strippedCopy(_ node: YAMLNode) -> YAMLNode? {
    let bare = node.start == .none && node.end == .none && node.comments.isEmpty
    switch node.kind {
    case .scalar:
      return bare ? nil : YAMLNode(node.kind, tag: node.tag)
    case .mapping(let pairs, let style):
      var copy: [YAMLPair]?
      for i in pairs.indices {
        let k = strippedCopy(pairs[i].key)
        let v = strippedCopy(pairs[i].value)
        guard k != nil || v != nil || copy != nil else { continue }
        if copy == nil {
          copy = []
          copy!.reserveCapacity(pairs.count)
          copy!.append(contentsOf: pairs[..<i])
        }
        copy!.append(YAMLPair(key: k ?? pairs[i].key, value: v ?? pairs[i].value))
      }
      if bare && copy == nil { return nil }
      return YAMLNode(.mapping(copy ?? pairs, style), tag: node.tag)
    case .sequence(let items, let style):
      var copy: [YAMLNode]?
      for i in items.indices {
        let item = strippedCopy(items[i])
        guard item != nil || copy != nil else { continue }
        if copy == nil {
          copy = []
          copy!.reserveCapacity(items.count)
          copy!.append(contentsOf: items[..<i])
        }
        copy!.append(item ?? items[i])
      }
      if bare && copy == nil { return nil }
      return YAMLNode(.sequence(copy ?? items, style), tag: node.tag)
    }
  }
}
