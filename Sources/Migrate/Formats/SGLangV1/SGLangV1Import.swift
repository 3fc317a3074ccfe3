internal import Engines
import Schema

/// v1 → v2 for one recipe body (a whole file, or the `base` of a multi-recipe file).
struct SGLangV1Import {
  let v1: RecipeV1
  let file: String
  var hints = SGLangV1Hints()
  var spellings: [RecipeV2.Roundtrip.FlagSpelling] = []

  init(_ v1: RecipeV1, file: String) {
    self.v1 = v1
    self.file = file
  }

  /// One engine flag of a role: its name and its entry in the role's config mapping (the
  /// value and comments stay there; flags are copied and moved around a lot).
  struct Flag {
    var name: String
    var at: Int
  }

  /// Whether two flags (entries of two role configs) are written alike: name, value, tag
  /// and comments.
  static func same(_ a: Flag, in ea: [YAMLPair], _ b: Flag, in eb: [YAMLPair]) -> Bool {
    guard a.name == b.name else { return false }
    let x = ea[a.at]
    let y = eb[b.at]
    return x.value == y.value && x.value.tag == y.value.tag && x.key.comments == y.key.comments
      && x.value.comments == y.value.comments
  }

  /// One variable of a role as written, with its comments.
  struct Item {
    var name: String
    var node: YAMLNode
    var key: YAMLComments
    var value: YAMLComments
    func same(_ o: Item) -> Bool {
      name == o.name && node == o.node && node.tag == o.node.tag && key == o.key && value == o.value
    }
  }

  mutating func run() -> RecipeV2 {
    let engineText = v1.backend.type
    hints.backendType = v1.backend.source?["type"]?.scalar
    let engine = engineText.flatMap { EngineName(name: $0) } ?? .sglang
    hints.nameAbsent = v1.name == nil
    let name = v1.name ?? Self.baseName(file)

    var version: String?
    if let ev = v1.engineVersion, let parsed = ContainerImage.version(fromTag: ev) {
      var s = parsed.description
      if s.first == "v" || s.first == "V" { s.removeFirst() }
      version = s
      if let sv = v1.sglangVersion, !(sv.first == "v" || sv.first == "V") {
        hints.versionWithoutV = true
      }
    }
    var model = RecipeV2.Model(path: v1.model?.path ?? "", precision: v1.model?.precision)
    let resources: RecipeV2.Resources? =
      v1.resources.map { RecipeV2.Resources(gpuType: $0.gpuType, gpusPerNode: $0.gpusPerNode) }
    let topology = Self.topology(v1)
    let roles = topology.roleNames

    // Engine flags per role (by index in `roles`), as written: the config entries, and the
    // flags not placed yet.
    let entries: [[YAMLPair]] = roles.map { role in
      guard let v1role = V1Role(rawValue: role.rawValue), let cfg = v1.backend.configs[v1role]
      else { return [] }
      return cfg.source?.mapping ?? cfg.flags.map { YAMLPair($0.name, $0.value) }
    }
    var flags: [[Flag]] = entries.map { e in
      var f: [Flag] = []
      f.reserveCapacity(e.count)
      for i in e.indices { if let name = e[i].key.scalar { f.append(Flag(name: name, at: i)) } }
      return f
    }
    func same(_ r: Int, _ a: Flag, _ s: Int, _ b: Flag) -> Bool {
      Self.same(a, in: entries[r], b, in: entries[s])
    }
    // served-model-name → model.served_name when every role says the same.
    let servedKey = "served-model-name"
    let served = flags.map { $0.first { NamedFieldFlags.normalize($0.name) == servedKey } }
    if let first = served.first ?? nil,
      served.indices.allSatisfy({ r in served[r].map { same(r, $0, 0, first) } ?? false }),
      case .string(let s)? = entries[0][first.at].value.resolved
    {
      model.servedName = s
      hints.servedNameFlag = first.name
      for r in flags.indices { flags[r].removeAll { $0.name == first.name } }
    }
    // Launcher-owned and dashed flags have no v2 place: the residue keeps them.
    for r in flags.indices {
      flags[r].removeAll {
        Self.launcherOwned.contains(NamedFieldFlags.normalize($0.name)) || $0.name.hasPrefix("-")
      }
    }
    // Named fields, per role (one spelling per field in the whole recipe).
    let fields = Self.fieldTable[engine]
    var named: [[NamedField: Flag]] = Array(repeating: [:], count: roles.count)
    for r in flags.indices {
      var found: [NamedField: [Flag]] = [:]
      for item in flags[r] {
        guard let f = fields?[NamedFieldFlags.normalize(item.name)],
          NamedFieldFlags.flags(for: f, engine: engine).form == .value
        else { continue }
        found[f, default: []].append(item)
      }
      var taken: Set<String> = []
      for (f, items) in found where items.count == 1 {
        let item = items[0]
        guard Self.namedValue(entries[r][item.at].value, f) != nil else { continue }
        if let known = spellings.first(where: { $0.field == f }) {
          if known.flag != item.name { continue }
        } else {
          spellings.append(.init(f, item.name))
        }
        named[r][f] = item
        taken.insert(item.name)
      }
      if !taken.isEmpty { flags[r].removeAll { taken.contains($0.name) } }
    }
    spellings.sort {
      NamedField.allCases.firstIndex(of: $0.field)! < NamedField.allCases.firstIndex(of: $1.field)!
    }
    var serving = RecipeV2.Serving()
    var roleConfigs: [RecipeV2.Role: RecipeV2.RoleConfig] = [:]
    for f in NamedField.allCases {
      let items = named.map { $0[f] }
      if let first = items.first ?? nil,
        items.indices.allSatisfy({ r in items[r].map { same(r, $0, 0, first) } ?? false })
      {
        Self.set(&serving, f, entries[0][first.at].value)
      } else {
        for (r, role) in roles.enumerated() {
          if let item = items[r] {
            Self.set(&roleConfigs[role, default: .init()].serving, f, entries[r][item.at].value)
          }
        }
      }
    }
    // Args: common when every role has the same flag, value and comments.
    var common: [RecipeV2.EngineArg] = []
    if !roles.isEmpty {
      for item in flags[0]
      where flags.indices.allSatisfy({ r in flags[r].contains { same(r, $0, 0, item) } }) {
        common.append(
          RecipeV2.EngineArg(item.name, SGLangV1Values.argValue(entries[0][item.at].value)))
      }
      for (r, role) in roles.enumerated() {
        let own = flags[r].filter { item in !common.contains { $0.flag == item.name } }
        roleConfigs[role, default: .init()].args = own.map {
          RecipeV2.EngineArg($0.name, SGLangV1Values.argValue(entries[r][$0.at].value))
        }
      }
    }
    // Environment.
    var env: [RecipeV2.EnvVar] = []
    let envs: [[Item]?] = roles.map { r in
      guard let v1role = V1Role(rawValue: r.rawValue), let e = v1.backend.environments[v1role]
      else { return nil }
      let pairs = e.source?.mapping ?? []
      return e.variables.map { v in
        let p = pairs.first { $0.key.scalar == v.name }
        return Item(
          name: v.name, node: p?.value ?? .string(v.value), key: p?.key.comments ?? .init(),
          value: p?.value.comments ?? .init())
      }
    }
    func text(_ i: Item) -> String { i.node.scalar ?? "" }
    if let top = v1.environment {
      hints.topLevelEnvironment = true
      env = top.variables.map { RecipeV2.EnvVar($0.name, $0.value) }
      for (r, role) in roles.enumerated() {
        roleConfigs[role, default: .init()].env = (envs[r] ?? []).map {
          RecipeV2.EnvVar($0.name, text($0))
        }
      }
    } else if !roles.isEmpty {
      let shared = (envs[0] ?? []).filter { item in
        envs.allSatisfy { $0?.contains { $0.same(item) } ?? false }
      }
      env = shared.map { RecipeV2.EnvVar($0.name, text($0)) }
      for (r, role) in roles.enumerated() {
        roleConfigs[role, default: .init()].env = (envs[r] ?? []).filter { item in
          !shared.contains { $0.name == item.name }
        }
        .map { RecipeV2.EnvVar($0.name, text($0)) }
      }
    }
    roleConfigs = roleConfigs.filter { !$0.value.isEmpty }

    // Launcher: sections without a typed v2 place, and backend settings.
    var tools: [YAMLPair] = []
    for p in v1.sections {
      tools.append(YAMLPair(key: .string(p.key.scalar ?? ""), value: p.value))
    }
    if v1.layout == .srtSlurm, let b = v1.backend.source?.mapping {
      let typed = Set(
        ["type", v1.backend.configKey] + V1Role.allCases.map { "\($0.rawValue)_environment" })
      let rest = b.filter { !typed.contains($0.key.scalar ?? "") }
      if !rest.isEmpty { tools.append(YAMLPair("backend", .mapping(rest))) }
    }
    let launcher = tools.isEmpty ? nil : RecipeV2.Launcher(tools: [.srtSlurm: .mapping(tools)])

    return RecipeV2(
      name: name, labels: v1.labels ?? [], model: model,
      engine: RecipeV2.Engine(name: engine, version: version, image: v1.model?.container),
      resources: resources, topology: topology, serving: serving, args: common, env: env,
      roles: roleConfigs, benchmark: benchmark(), launcher: launcher)
  }

  // MARK: - Pieces

  static let launcherOwned = Set(NamedField.launcherOwnedFlags)

  /// Normalized flag spelling → named field, per engine (`NamedFieldFlags`, built once).
  static let fieldTable: [EngineName: [String: NamedField]] = {
    var out: [EngineName: [String: NamedField]] = [:]
    for engine in EngineName.allCases {
      var m: [String: NamedField] = [:]
      for f in NamedFieldFlags.all(engine: engine) {
        for s in f.spellings where m[NamedFieldFlags.normalize(s)] == nil {
          m[NamedFieldFlags.normalize(s)] = f.field
        }
      }
      out[engine] = m
    }
    return out
  }()

  static func baseName(_ file: String) -> String {
    var s = Substring(file)
    if let slash = s.lastIndex(of: "/") { s = s[s.index(after: slash)...] }
    if let dot = s.lastIndex(of: "."), dot != s.startIndex { s = s[..<dot] }
    return s.isEmpty ? "recipe" : String(s)
  }

  static func topology(_ v1: RecipeV1) -> RecipeV2.Topology {
    let r = v1.resources
    if v1.topology == .aggregated {
      return .aggregated(
        .init(
          nodes: max(r?.aggNodes ?? 1, 1), workers: max(r?.aggWorkers ?? 1, 1),
          gpusPerWorker: r?.gpusPerAgg.map { max($0, 1) }))
    }
    if v1.topology == nil { return .aggregated(.init(nodes: 1, workers: 1)) }
    var pn = max(r?.prefillNodes ?? 1, 0)
    let dn = max(r?.decodeNodes ?? 1, 0)
    if pn + dn == 0 { pn = 1 }
    return .disaggregated(
      prefill: .init(
        nodes: pn, workers: max(r?.prefillWorkers ?? 1, 1),
        gpusPerWorker: r?.gpusPerPrefill.map { max($0, 1) }),
      decode: .init(
        nodes: dn, workers: max(r?.decodeWorkers ?? 1, 1),
        gpusPerWorker: r?.gpusPerDecode.map { max($0, 1) }))
  }

  /// The value of a named field, when the node is one v2 accepts.
  static func namedValue(_ n: YAMLNode, _ f: NamedField) -> Double? {
    guard n.tag == nil, n.scalarStyle == .plain else { return nil }
    switch n.resolved {
    case .int(let i)?: return f == .gpuMemoryUtilization ? nil : (i >= 1 ? Double(i) : nil)
    case .float(let d)? where f == .gpuMemoryUtilization && d > 0 && d <= 1: return d
    default: return nil
    }
  }

  static func set(_ s: inout RecipeV2.Serving, _ f: NamedField, _ n: YAMLNode) {
    guard let d = namedValue(n, f) else { return }
    switch f {
    case .tensorParallelSize: s.tensorParallelSize = Int(d)
    case .pipelineParallelSize: s.pipelineParallelSize = Int(d)
    case .dataParallelSize: s.dataParallelSize = Int(d)
    case .expertParallelSize: s.expertParallelSize = Int(d)
    case .gpuMemoryUtilization: s.gpuMemoryUtilization = d
    case .contextLength: s.contextLength = Int(d)
    case .maxConcurrentRequests: s.maxConcurrentRequests = Int(d)
    }
  }

  mutating func benchmark() -> RecipeV2.Benchmark? {
    guard let src = v1.benchmark?.source, let pairs = src.mapping,
      let tool = src["type"], case .string(let toolName)? = tool.resolved
    else { return nil }
    var b = RecipeV2.Benchmark(tool: toolName)
    var rest: [YAMLPair] = []
    for p in pairs {
      guard let k = p.key.scalar else { continue }
      let v = p.value
      switch k {
      case "type": continue
      case "isl", "osl":
        if case .int(let i)? = v.resolved, i >= 1, v.scalarStyle == .plain {
          if k == "isl" { b.isl = i } else { b.osl = i }
          continue
        }
      case "concurrencies":
        if let c = Self.concurrencies(v) {
          b.concurrencies = c
          hints.concurrenciesList = v.isSequence
          continue
        }
      case "req_rate":
        if case .string("inf")? = v.resolved {
          b.requestRate = .infinite
          continue
        }
        if v.scalarStyle == .plain, let d = Self.number(v), d > 0, d.isFinite {
          b.requestRate = .perSecond(d)
          continue
        }
      case "ttft_threshold_ms", "itl_threshold_ms":
        if v.scalarStyle == .plain, case .int(let i)? = v.resolved {
          b.thresholds.append(.init(k == "ttft_threshold_ms" ? "ttft_ms" : "itl_ms", Double(i)))
          continue
        }
      default: break
      }
      rest.append(YAMLPair(key: .string(k), value: v))
    }
    if !rest.isEmpty { b.args = .mapping(rest) }
    return b
  }

  static func number(_ n: YAMLNode) -> Double? {
    switch n.resolved {
    case .int(let i)?: return Double(i)
    case .float(let d)?: return d
    default: return nil
    }
  }

  /// `"4x8x16"` or `[4, 8, 16]` as integers; nil when any item is something else.
  static func concurrencies(_ n: YAMLNode) -> [Int]? {
    if let items = n.sequence {
      var out: [Int] = []
      for i in items {
        guard i.scalarStyle == .plain, case .int(let v)? = i.resolved, v >= 1 else { return nil }
        out.append(v)
      }
      return out.isEmpty ? nil : out
    }
    guard case .string(let s)? = n.resolved, s.contains("x") else { return nil }
    let parts = s.split(separator: "x", omittingEmptySubsequences: false)
    var out: [Int] = []
    for p in parts {
      guard let v = Int(p), v >= 1, String(v) == p else { return nil }
      out.append(v)
    }
    return out
  }
}
