// MARK: - Decoding the sections

// One function per top-level section of a v2 recipe, each reading its mapping through a
// `MappingReader` (unknown keys and type mismatches become located diagnostics);
// ``RecipeV2/decode(root:context:checkVariants:)`` calls them.

extension RecipeV2 {
  static func decodeStatus(_ r: MappingReader) -> Status? {
    guard let v = r.node("status") else { return nil }
    let path: KeyPath = "status"
    let allowed = Status.State.allRawValues
    var state: Status.State?
    var reason: String?
    var at = v
    if v.isScalar {
      state = MappingReader.oneOf(v, allowed, path: path, context: r.context).flatMap(
        Status.State.init)
    } else if let s = MappingReader(v, path: path, context: r.context) {
      state = s.oneOf("state", allowed, required: true).flatMap(Status.State.init)
      reason = s.string("reason")
      at = s.node("state") ?? v
      s.finish(known: ["state", "reason"])
    } else {
      return nil
    }
    guard let state else { return nil }
    if state == .deprecated, reason?.isEmpty != false {
      r.context.error(
        "missing-reason", "a deprecated recipe must say why", at: at, path: path,
        hint: "write status: {state: deprecated, reason: \"superseded by ...\"}")
    }
    return Status(state, reason: reason)
  }

  static func decodeModel(_ r: MappingReader) -> Model? {
    let path = r.string(
      "path", required: true, hint: "a Hugging Face id such as deepseek-ai/DeepSeek-R1")
    let m = Model(
      path: path ?? "", revision: r.string("revision"), precision: r.string("precision"),
      servedName: r.string("served_name"), task: r.string("task"))
    r.finish(known: ["path", "revision", "precision", "served_name", "task"])
    return path == nil ? nil : m
  }

  static func decodeEngine(_ r: MappingReader) -> Engine? {
    let name = r.oneOf(
      "name", Engine.Name.allCases.map(\.rawValue), required: true, caseInsensitive: false)
    if let v = r.node("version"), v.scalar != nil, !v.isNull,
      v.resolved.map({ if case .string = $0 { false } else { true } }) == true
    {
      r.context.error(
        "type-mismatch", "expected a string, found \(MappingReader.describe(v))", at: v,
        path: r.path / "version", hint: "quote the version: \"\(v.scalar ?? "")\"")
    }
    let version = r.string("version")
    let image = r.string("image")
    let plugins = decodePlugins(r, engine: name.flatMap(Engine.Name.init(rawValue:)))
    r.finish(known: ["name", "version", "image", "plugins"])
    guard let name, let n = Engine.Name(rawValue: name) else { return nil }
    return Engine(name: n, version: version, image: image, plugins: plugins)
  }

  /// `engine.plugins`: a list of `{name, version, install}`, each plugin once and of the
  /// recipe's engine.
  static func decodePlugins(_ r: MappingReader, engine: Engine.Name?) -> [Plugin] {
    guard let v = r.node("plugins") else { return [] }
    let path = r.path / "plugins"
    guard let items = v.sequence else {
      if !v.isNull {
        r.context.error(
          "type-mismatch", "expected a list, found \(MappingReader.describe(v))", at: v,
          path: path, hint: "plugins: [{name: vllm-omni, version: \"0.30.0\"}]")
      }
      return []
    }
    var out: [Plugin] = []
    let names = EnginePlugin.allCases.map(\.rawValue)
    for (i, item) in items.enumerated() {
      let at = path.appending(index: i)
      guard let p = MappingReader(item, path: at, context: r.context) else { continue }
      let name = p.oneOf("name", names, required: true, caseInsensitive: false)
      let version = p.string("version")
      let install = p.string("install")
      p.finish(known: ["name", "version", "install"])
      guard let name, let plugin = EnginePlugin(rawValue: name) else { continue }
      if let engine, plugin.engine != engine {
        r.context.error(
          "plugin-engine", "\(plugin) is a plugin of \(plugin.engine), not \(engine)", at: item,
          path: at / "name", hint: "set engine.name: \(plugin.engine), or drop the plugin")
      } else if out.contains(where: { $0.name == plugin }) {
        r.context.error(
          "duplicate-plugin", "\(plugin) is listed twice", at: item, path: at / "name",
          hint: "list each plugin once")
      }
      out.append(Plugin(name: plugin, version: version, install: install))
    }
    return out
  }

  static func decodeResources(_ r: MappingReader) -> Resources {
    let res = Resources(gpuType: r.string("gpu_type"), gpusPerNode: r.int("gpus_per_node", min: 1))
    r.finish(known: ["gpu_type", "gpus_per_node"])
    return res
  }

  static func decodeTopology(_ r: MappingReader) -> Topology? {
    var roles: [Role: RolePlacement] = [:]
    for role in Role.allCases {
      guard let sub = r.mapping(role.rawValue) else { continue }
      let minNodes = role == .aggregated ? 1 : 0
      let nodes = sub.int("nodes", required: true, min: minNodes)
      let workers = sub.int("workers", required: true, min: 1)
      let gpw = sub.int("gpus_per_worker", min: 1)
      sub.finish(known: ["nodes", "workers", "gpus_per_worker"])
      if let nodes, let workers {
        roles[role] = RolePlacement(nodes: nodes, workers: workers, gpusPerWorker: gpw)
      }
    }
    r.finish(known: Role.allCases.map(\.rawValue))
    let has = { (role: Role) in r.has(role.rawValue) }
    if has(.aggregated) && (has(.prefill) || has(.decode)) {
      r.context.error(
        "topology-conflict", "a topology is either aggregated or prefill + decode, not both",
        at: r.keyNode(has(.prefill) ? "prefill" : "decode"),
        path: r.path / (has(.prefill) ? "prefill" : "decode"),
        hint: "remove 'aggregated' or the disaggregated roles")
      return nil
    }
    if !has(.aggregated) {
      for (role, other) in [(Role.prefill, Role.decode), (.decode, .prefill)]
      where has(role) && !has(other) {
        r.context.error(
          "missing-key", "a disaggregated topology needs both prefill and decode",
          at: r.node, path: r.path / other.rawValue,
          hint: "add \(other.rawValue): {nodes: ..., workers: ...}")
        return nil
      }
      if !has(.prefill) {
        r.context.error(
          "missing-key", "the topology needs 'aggregated' or 'prefill' and 'decode'",
          at: r.node, path: r.path, hint: "write topology: {aggregated: {nodes: 1, workers: 1}}")
        return nil
      }
      if let p = roles[.prefill], let d = roles[.decode], p.nodes + d.nodes == 0 {
        r.context.error(
          "out-of-range", "prefill and decode together need at least one node",
          at: r.node, path: r.path / "prefill" / "nodes")
      }
    }
    guard !roles.isEmpty, roles.count == (has(.aggregated) ? 1 : 2) else { return nil }
    return Topology(roles: roles)
  }

  static func decodeServing(_ r: MappingReader) -> Serving {
    var s = Serving()
    s.tensorParallelSize = r.int(NamedField.tensorParallelSize.key, min: 1)
    s.pipelineParallelSize = r.int(NamedField.pipelineParallelSize.key, min: 1)
    s.dataParallelSize = r.int(NamedField.dataParallelSize.key, min: 1)
    s.expertParallelSize = r.int(NamedField.expertParallelSize.key, min: 1)
    let key = NamedField.gpuMemoryUtilization.key
    if let v = r.node(key) {
      let d = MappingReader.double(v, path: r.path / key, context: r.context)
      if let d {
        if d > 0 && d <= 1 {
          s.gpuMemoryUtilization = d
        } else {
          r.context.error(
            "out-of-range", "gpu_memory_utilization must be in (0, 1], found \(v.scalar ?? "")",
            at: v, path: r.path / key, hint: "a fraction such as 0.85")
        }
      }
    }
    s.contextLength = r.int(NamedField.contextLength.key, min: 1)
    s.maxConcurrentRequests = r.int(NamedField.maxConcurrentRequests.key, min: 1)
    r.finish(known: NamedField.allCases.map(\.key))
    return s
  }

  static func decodeRoleConfig(_ r: MappingReader) -> RoleConfig {
    let serving = r.mapping("serving").map { decodeServing($0) } ?? Serving()
    let args =
      r.node("args").map { decodeArgs($0, path: r.path / "args", context: r.context) } ?? []
    let env = r.node("env").map { decodeEnv($0, path: r.path / "env", context: r.context) } ?? []
    r.finish(known: ["serving", "args", "env"])
    return RoleConfig(serving: serving, args: args, env: env)
  }

  static func decodeArgs(_ node: YAMLNode, path: KeyPath, context: DecodeContext) -> [EngineArg] {
    guard let pairs = MappingReader.entries(node, path: path, context: context) else { return [] }
    var out: [EngineArg] = []
    out.reserveCapacity(pairs.count)
    for pair in pairs {
      guard let key = pair.key.scalar else { continue }
      if key.hasPrefix("--") {
        context.error(
          "invalid-flag", "write the flag '\(key)' without leading dashes",
          at: pair.key, path: path / key, hint: "did you mean '\(key.dropFirst(2))'?")
        continue
      }
      if NamedField.launcherOwnedFlags.contains(NamedField.normalizeFlag(key)) {
        context.error(
          "launcher-owned-flag", "'\(key)' is set by the launcher, not in args",
          at: pair.key, path: path / key,
          hint: key.contains("served")
            ? "use model.served_name"
            : key.hasPrefix("model")
              ? "use model.path" : "use launcher.\(NamedField.normalizeFlag(key))")
        continue
      }
      if let value = argValue(pair.value, path: path / key, context: context) {
        out.append(EngineArg(key, value))
      }
    }
    return out
  }

  static func argValue(_ v: YAMLNode, path: @autoclosure () -> KeyPath, context: DecodeContext)
    -> ArgValue?
  {
    switch v.kind {
    case .scalar:
      switch v.resolved {
      case .null?: return .null
      case .bool(let b)?: return .bool(b)
      case .int(let i)?: return .int(i)
      case .float(let d)?: return .float(d)
      case .string(let s)?: return .string(s)
      case nil: return nil
      }
    case .mapping:
      return .structured(v)
    case .sequence(let items, _):
      if items.allSatisfy({ $0.isScalar && !$0.isNull }) {
        return .list(
          items.enumerated().compactMap {
            argValue($1, path: path().appending(index: $0), context: context)
          })
      }
      return .structured(v)
    }
  }

  static func decodeEnv(_ node: YAMLNode, path: KeyPath, context: DecodeContext) -> [EnvVar] {
    guard let pairs = MappingReader.entries(node, path: path, context: context) else { return [] }
    var out: [EnvVar] = []
    out.reserveCapacity(pairs.count)
    for pair in pairs {
      guard let key = pair.key.scalar else { continue }
      let v = pair.value
      if v.isNull {
        out.append(EnvVar(key, nil))
      } else if let s = v.scalar {
        out.append(EnvVar(key, s))
      } else {
        context.error(
          "type-mismatch",
          "expected a string value for '\(key)', found \(MappingReader.describe(v))",
          at: v, path: path / key, hint: "quote the value: \(key): \"...\"")
      }
    }
    return out
  }

  static func decodeBenchmark(_ r: MappingReader) -> Benchmark? {
    let tool = r.string("tool", required: true, hint: "sa-bench, aiperf, llama-benchy, ...")
    let isl = r.int("isl", min: 1)
    let osl = r.int("osl", min: 1)
    var concurrencies: [Int] = []
    if let v = r.node("concurrencies") {
      if let items = v.sequence {
        for (i, item) in items.enumerated() {
          if let n = MappingReader.int(
            item, path: (r.path / "concurrencies").appending(index: i), context: r.context, min: 1)
          {
            concurrencies.append(n)
          }
        }
      } else {
        r.context.error(
          "type-mismatch", "expected a list of integers, found \(MappingReader.describe(v))",
          at: v, path: r.path / "concurrencies",
          hint: "write concurrencies: [4, 8, 16] (not \"4x8x16\")")
      }
    }
    var rate: RequestRate?
    if let v = r.node("request_rate") {
      let text = v.scalar?.lowercased()
      if text == "inf" || text == ".inf" {
        rate = .infinite
      } else if let d = MappingReader.double(v, path: r.path / "request_rate", context: r.context) {
        if d.isInfinite {
          rate = .infinite
        } else if d > 0 {
          rate = .perSecond(d)
        } else {
          r.context.error(
            "out-of-range", "request_rate must be positive or inf", at: v,
            path: r.path / "request_rate")
        }
      }
    }
    var thresholds: [Threshold] = []
    if let t = r.mapping("thresholds") {
      for key in t.keys {
        if let d = t.double(key) { thresholds.append(Threshold(key, d)) }
      }
    }
    let args = r.node("args")
    if let args, args.isScalar, !args.isNull {
      r.context.error(
        "type-mismatch", "expected a mapping or a list, found \(MappingReader.describe(args))",
        at: args, path: r.path / "args")
    }
    r.finish(known: ["tool", "isl", "osl", "concurrencies", "request_rate", "thresholds", "args"])
    guard let tool else { return nil }
    return Benchmark(
      tool: tool, isl: isl, osl: osl, concurrencies: concurrencies, requestRate: rate,
      thresholds: thresholds, args: args.flatMap { $0.isNull ? nil : $0 })
  }

  static func decodeLauncher(_ r: MappingReader) -> Launcher {
    var l = Launcher()
    l.clusterOnly = r.bool("cluster_only")
    l.soloOnly = r.bool("solo_only")
    l.minNodes = r.int("min_nodes", min: 1)
    l.maxNodes = r.int("max_nodes", min: 1)
    l.port = r.int("port", min: 1)
    l.host = r.string("host")
    l.command = r.string("command")
    if let p = r.mapping("parameters") {
      l.parameters = p.node
      p.consume(contentsOf: p.keys)
    }
    l.mods = r.stringList("mods") ?? []
    l.buildArgs = r.stringList("build_args") ?? []
    for tool in Launcher.Tool.allCases {
      guard let v = r.node(tool.rawValue) else { continue }
      if v.mapping == nil {
        r.context.error(
          "type-mismatch", "expected a mapping, found \(MappingReader.describe(v))",
          at: v, path: r.path / tool.rawValue)
        continue
      }
      l.tools[tool] = v
    }
    if l.clusterOnly == true, l.soloOnly == true, let k = r.keyNode("solo_only") {
      r.context.error(
        "launcher-conflict", "a recipe cannot be both cluster_only and solo_only",
        at: k, path: r.path / "solo_only")
    }
    if let a = l.minNodes, let b = l.maxNodes, b < a {
      r.context.error(
        "out-of-range", "max_nodes (\(b)) is below min_nodes (\(a))",
        at: r.node("max_nodes"), path: r.path / "max_nodes")
    }
    r.finish(
      known: [
        "cluster_only", "solo_only", "min_nodes", "max_nodes", "port", "host", "command",
        "parameters", "mods", "build_args",
      ] + Launcher.Tool.allCases.map(\.rawValue))
    return l
  }

  static func decodeProvenance(_ r: MappingReader) -> Provenance? {
    let format = r.oneOf(
      "source_format", Provenance.sourceFormats, required: true, caseInsensitive: false)
    var p = Provenance(sourceFormat: format ?? "")
    p.sourcePath = r.string("source_path")
    p.upstreamURL = r.string("upstream_url")
    p.upstreamCommit = r.string("upstream_commit")
    if let rt = r.mapping("roundtrip") {
      var t = Roundtrip()
      t.layout = rt.string("layout")
      if let fs = rt.mapping("flag_spellings") {
        for key in fs.keys {
          let flag = fs.string(key)
          if let field = NamedField(rawValue: key), let flag {
            t.flagSpellings.append(.init(field, flag))
          }
        }
        fs.finish(known: NamedField.allCases.map(\.key))
      }
      t.keyOrder = rt.stringList("key_order") ?? []
      if let e = rt.mapping("extra") {
        t.extra = e.node
        e.consume(contentsOf: e.keys)
      }
      rt.finish(known: ["layout", "flag_spellings", "key_order", "extra"])
      p.roundtrip = t
    }
    r.finish(known: [
      "source_format", "source_path", "upstream_url", "upstream_commit", "roundtrip",
    ])
    return format == nil ? nil : p
  }
}
