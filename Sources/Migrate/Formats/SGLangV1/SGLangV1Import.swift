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

    var flags = roleFlags(roles)
    takeServedName(&flags, into: &model)
    // Launcher-owned and dashed flags have no v2 place: the residue keeps them.
    for r in flags.flags.indices {
      flags.flags[r].removeAll {
        Self.launcherOwned.contains(NamedFieldFlags.normalize($0.name)) || $0.name.hasPrefix("-")
      }
    }
    let named = takeNamedFields(&flags, engine: engine, roles: roles)
    let serving = named.serving
    var roleConfigs = named.roles
    let common = takeArgs(flags, roles: roles, into: &roleConfigs)
    let env = environment(roles, into: &roleConfigs)
    roleConfigs = roleConfigs.filter { !$0.value.isEmpty }

    return RecipeV2(
      name: name, labels: v1.labels ?? [], model: model,
      engine: RecipeV2.Engine(name: engine, version: version, image: v1.model?.container),
      resources: resources, topology: topology, serving: serving, args: common, env: env,
      roles: roleConfigs, benchmark: benchmark(), launcher: launcher())
  }

  // MARK: - Launcher

  /// Sections without a typed v2 place, and backend settings.
  func launcher() -> RecipeV2.Launcher? {
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
    return tools.isEmpty ? nil : RecipeV2.Launcher(tools: [.srtSlurm: .mapping(tools)])
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
