internal import Engines
import Schema

/// The state of one named-field import: diagnostics, comment placements, and what goes to
/// `launcher.deplodock`.
final class NamedFieldImporter {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []
  private(set) var comments: [CommentPlacement] = []
  /// `launcher.deplodock` entries, in source order.
  private var deplodock: [YAMLPair] = []
  /// Nested source keys with no typed place, as a partial mirror of the source.
  private var unmapped = YAMLNode.mapping([])
  private var extra: [YAMLPair] = []
  private var layout: String?

  init(file: String) { self.file = file }

  /// Named-field keys of `engine.llm`.
  static let namedKeys: [NamedField] = [
    .tensorParallelSize, .pipelineParallelSize, .dataParallelSize, .gpuMemoryUtilization,
    .contextLength, .maxConcurrentRequests,
  ]

  func location(_ node: YAMLNode) -> SourceLocation? {
    node.start.isKnown ? SourceLocation(file: file, mark: node.start) : nil
  }

  private func error(
    _ code: String, _ message: String, _ node: YAMLNode?, _ path: KeyPath, hint: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(.error, code: code, message, at: node.flatMap(location), path: path, hint: hint))
  }

  private func carry(_ pair: YAMLPair, to path: KeyPath) {
    guard !pair.key.comments.isEmpty || !pair.value.comments.isEmpty else { return }
    comments.append(
      CommentPlacement(
        path: path, keyComments: pair.key.comments, valueComments: pair.value.comments))
  }

  private func keep(_ value: YAMLNode, at path: [String]) {
    unmapped = Self.inserting(value, at: path[...], into: unmapped)
  }

  static func inserting(_ value: YAMLNode, at path: ArraySlice<String>, into node: YAMLNode)
    -> YAMLNode
  {
    guard let first = path.first else { return value }
    var out = node.isMapping ? node : .mapping([])
    let child = out[first] ?? .mapping([])
    out.set(first, inserting(value, at: path.dropFirst(), into: child))
    return out
  }

  // MARK: - Document

  func run(_ root: YAMLNode) -> RecipeV2? {
    guard let pairs = root.mapping else {
      error(
        "type-mismatch", "a named-field recipe is a mapping, found \(root.typeName)", root, .root)
      return nil
    }
    guard let modelNode = root["model"] else {
      error(
        "missing-key", "missing 'model': this file configures no model to serve", root, .root,
        hint:
          "a named-field recipe needs model.huggingface; command-only experiment files are not serving recipes"
      )
      return nil
    }
    var model = RecipeV2.Model(path: "")
    var gpuType: String?
    var body = Body()
    var benchmark: RecipeV2.Benchmark?
    var variants: [RecipeV2.Variant] = []
    for pair in pairs {
      guard let key = pair.key.scalar else { continue }
      switch key {
      case "model":
        model = readModel(pair.value)
      case "engine":
        readEngine(pair.value, into: &body)
      case "backend":
        layout = "backend"
        readBackend(pair.value, into: &body)
      case "benchmark":
        carry(pair, to: "benchmark")
        benchmark = readBenchmark(pair.value, path: "benchmark")
      case "variants":
        variants = readVariants(pair.value, base: body)
      default:
        if key == "deploy", let g = pair.value["gpu"]?.scalar { gpuType = GPUName.normalize(g) }
        if key == "matrices", gpuType == nil { gpuType = Self.singleGPU(in: pair.value) }
        carry(pair, to: "launcher.deplodock" / key)
        deplodock.append(YAMLPair(key, pair.value))
      }
    }
    _ = modelNode
    let engineName = body.engine ?? .vllm
    if body.engine == nil {
      diagnostics.append(
        Diagnostic(
          .note, code: "default-engine",
          "no engine.llm.vllm or engine.llm.sglang block: reading as vLLM (deplodock's default)",
          at: location(root), path: "engine.llm"))
    }
    var engine = RecipeV2.Engine(name: engineName, image: body.image)
    if let image = body.image, let v = ContainerImage(image).version {
      engine.version = Self.versionText(v)
    }
    let s = body.serving
    let gpus =
      (s.tensorParallelSize ?? 1) * (s.pipelineParallelSize ?? 1) * (s.dataParallelSize ?? 1)
    if unmapped.mapping?.isEmpty == false { deplodock.append(YAMLPair("unmapped", unmapped)) }
    var launcher: RecipeV2.Launcher?
    if !deplodock.isEmpty { launcher = RecipeV2.Launcher(tools: [.deplodock: .mapping(deplodock)]) }
    let roundtrip = RecipeV2.Roundtrip(
      layout: layout, keyOrder: root.keys, extra: extra.isEmpty ? nil : .mapping(extra))
    return RecipeV2(
      name: Self.name(file: file, model: model.path), model: model, engine: engine,
      resources: gpuType.map { RecipeV2.Resources(gpuType: $0) },
      topology: .aggregated(RecipeV2.RolePlacement(nodes: 1, workers: 1, gpusPerWorker: gpus)),
      serving: body.serving, args: body.args, env: body.env, benchmark: benchmark,
      launcher: launcher,
      variants: variants,
      provenance: RecipeV2.Provenance(
        sourceFormat: "named-field", sourcePath: SourcePath.recorded(file), roundtrip: roundtrip))
  }

  /// `v0.17.0` → `0.17.0`.
  static func versionText(_ v: EngineVersion) -> String {
    let t = v.description
    return t.hasPrefix("v") || t.hasPrefix("V") ? String(t.dropFirst()) : t
  }

  /// A recipe name from the file path: the folder of a `recipe.yaml`, else the file name.
  static func name(file: String, model: String) -> String {
    var parts = file.split(separator: "/").map(String.init)
    if parts.last == "recipe.yaml" { parts.removeLast() }
    var base = parts.last ?? model
    if base.hasSuffix(".yaml") { base = String(base.dropLast(5)) }
    if base.isEmpty { base = model.split(separator: "/").last.map(String.init) ?? "recipe" }
    return String(
      base.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" })
  }

  /// The GPU all matrix entries name, normalised, or nil when none or several.
  static func singleGPU(in matrices: YAMLNode) -> String? {
    var names: [String] = []
    func collect(_ v: YAMLNode?) {
      guard let v else { return }
      if let s = v.scalar { names.append(s) }
      for item in v.sequence ?? [] { if let s = item.scalar { names.append(s) } }
    }
    if let entries = matrices.sequence {
      for e in entries { collect(e["deploy.gpu"]) }
    } else if let cross = matrices["cross"] {
      collect(cross["deploy.gpu"])
    } else {
      collect(matrices["deploy.gpu"])
    }
    let normalized = Set(names.compactMap(GPUName.normalize))
    return normalized.count == 1 ? normalized.first : nil
  }

  // MARK: - Sections

  private func readModel(_ node: YAMLNode) -> RecipeV2.Model {
    var model = RecipeV2.Model(path: "")
    for pair in node.mapping ?? [] {
      guard let k = pair.key.scalar else { continue }
      switch k {
      case "huggingface", "name":
        if k == "name" { extra.append(YAMLPair("model_key", .string("name"))) }
        model.path = pair.value.scalar ?? ""
        carry(pair, to: "model.path")
      case "task":
        model.task = pair.value.scalar
        carry(pair, to: "model.task")
      default:
        keep(pair.value, at: ["model", k])
      }
    }
    if model.path.isEmpty { error("missing-key", "missing 'model.huggingface'", node, "model") }
    return model
  }

  /// What `engine.llm` (or `backend`) says.
  struct Body {
    var engine: EngineName?
    var serving = RecipeV2.Serving()
    var image: String?
    var args: [RecipeV2.EngineArg] = []
    var env: [RecipeV2.EnvVar] = []
    var extraArgs: String?
  }

  private func readEngine(_ node: YAMLNode, into body: inout Body) {
    for pair in node.mapping ?? [] {
      guard let k = pair.key.scalar else { continue }
      if k == "llm" {
        readLLM(pair.value, path: ["engine", "llm"], into: &body)
      } else {
        keep(pair.value, at: ["engine", k])
      }
    }
  }

  private func readBackend(_ node: YAMLNode, into body: inout Body) {
    readLLM(node, path: ["backend"], into: &body)
  }

  private func readLLM(_ node: YAMLNode, path: [String], into body: inout Body) {
    let active: String? = node["sglang"] != nil ? "sglang" : node["vllm"] != nil ? "vllm" : nil
    if let active { body.engine = EngineName(rawValue: active) }
    for pair in node.mapping ?? [] {
      guard let k = pair.key.scalar else { continue }
      let p = KeyPath(parsing: path.joined(separator: ".")) / k
      if let field = NamedField(yamlKey: k), Self.namedKeys.contains(field) {
        readNamed(field, pair, path: p, into: &body.serving)
      } else if k == "docker_options" {
        carry(pair, to: "launcher.deplodock.docker_options")
        deplodock.append(YAMLPair("docker_options", pair.value))
      } else if k == active, let engine = body.engine {
        readEngineBlock(pair.value, engine: engine, path: path + [k], into: &body)
      } else {
        if k == "vllm" || k == "sglang" {
          diagnostics.append(
            Diagnostic(
              .note, code: "inactive-engine",
              "'\(k)' is not used: sglang takes priority when both engine blocks exist (seed 001)",
              at: location(pair.key), path: p, hint: "kept in launcher.deplodock.unmapped"))
        } else {
          diagnostics.append(
            Diagnostic(
              .warning, code: "unknown-key",
              "'\(k)' is not a named-field key; kept in launcher.deplodock.unmapped",
              at: location(pair.key), path: p,
              hint: DidYouMean.closest(to: k, in: Self.namedKeys.map(\.yamlKey)).map {
                "did you mean '\($0)'?"
              }))
        }
        keep(pair.value, at: path + [k])
      }
    }
  }

  private func readNamed(
    _ field: NamedField, _ pair: YAMLPair, path: KeyPath, into s: inout RecipeV2.Serving
  ) {
    let v = pair.value
    var ok = true
    switch (field, v.resolved) {
    case (.gpuMemoryUtilization, .float(let d)?): s.gpuMemoryUtilization = d
    case (.gpuMemoryUtilization, .int(let i)?): s.gpuMemoryUtilization = Double(i)
    case (_, .int(let i)?):
      var argv = EngineArgv()
      argv.serving = s
      ok = argv.set(field, String(i))
      s = argv.serving
    case (_, .null?): return
    default: ok = false
    }
    if !ok {
      error(
        "type-mismatch",
        "'\(field.yamlKey)' must be \(field.isInteger ? "an integer" : "a number"), found \(v.typeName)",
        v, path)
    } else {
      carry(pair, to: "serving" / field.yamlKey)
    }
  }

  private func readEngineBlock(
    _ node: YAMLNode, engine: EngineName, path: [String], into body: inout Body
  ) {
    for pair in node.mapping ?? [] {
      guard let k = pair.key.scalar else { continue }
      let p = KeyPath(parsing: path.joined(separator: ".")) / k
      if layout == "backend", let field = NamedField(yamlKey: k), Self.namedKeys.contains(field) {
        readNamed(field, pair, path: p, into: &body.serving)
        continue
      }
      switch k {
      case "image":
        body.image = pair.value.scalar
        carry(pair, to: "engine.image")
      case "extra_args":
        body.args = readExtraArgs(pair.value, engine: engine, path: p)
        if let s = pair.value.scalar { extra.append(YAMLPair("extra_args", .string(s))) }
        carry(pair, to: "args")
      case "extra_env":
        body.env = Self.env(pair.value)
        carry(pair, to: "env")
      default:
        keep(pair.value, at: path + [k])
      }
    }
  }

  /// Splits an `extra_args` string and applies seed 001's ban.
  func readExtraArgs(_ node: YAMLNode, engine: EngineName, path: KeyPath) -> [RecipeV2.EngineArg] {
    guard let text = node.scalar, !node.isNull else { return [] }
    let words: [String]
    do {
      words = try ShellWords.split(text).map(\.text)
    } catch {
      self.error(
        "invalid-extra-args", "extra_args cannot be split into words: \(error)", node, path)
      return []
    }
    let offenders = ExtraArgsBan.offenders(in: words, engine: engine)
    if !offenders.isEmpty {
      diagnostics.append(
        ExtraArgsBan.diagnostic(
          offenders: offenders, engine: engine, at: location(node), path: path))
      return []
    }
    let argv = EngineArgv.read(words, engine: engine, extractNamedFields: false)
    if !argv.positionals.isEmpty {
      error(
        "invalid-extra-args",
        "extra_args has words that belong to no flag: \(argv.positionals.map { "'\($0)'" }.joined(separator: ", "))",
        node, path)
    }
    return argv.args
  }

  static func env(_ node: YAMLNode) -> [RecipeV2.EnvVar] {
    (node.mapping ?? []).compactMap { p in
      guard let k = p.key.scalar else { return nil }
      return RecipeV2.EnvVar(k, p.value.isNull ? nil : p.value.scalar)
    }
  }

  func readBenchmark(_ node: YAMLNode, path: KeyPath) -> RecipeV2.Benchmark {
    var b = RecipeV2.Benchmark(tool: "deplodock")
    var rest: [YAMLPair] = []
    for pair in node.mapping ?? [] {
      guard let k = pair.key.scalar else { continue }
      switch (k, pair.value.resolved) {
      case ("random_input_len", .int(let i)?): b.isl = i
      case ("random_output_len", .int(let i)?): b.osl = i
      case ("max_concurrency", .int(let i)?): b.concurrencies = [i]
      default: rest.append(pair)
      }
    }
    if !rest.isEmpty { b.args = .mapping(rest) }
    return b
  }

  // MARK: - Variants (older shape)

  private func readVariants(_ node: YAMLNode, base: Body) -> [RecipeV2.Variant] {
    var out: [RecipeV2.Variant] = []
    for pair in node.mapping ?? [] {
      guard let name = pair.key.scalar else { continue }
      out.append(
        RecipeV2.Variant(name: name, override: variantOverride(pair.value, name: name, base: base)))
    }
    return out
  }

  /// A named-field partial recipe as a v2 partial recipe.
  private func variantOverride(_ node: YAMLNode, name: String, base: Body) -> YAMLNode {
    var out = YAMLNode.mapping([])
    var rest = YAMLNode.mapping([])
    let vpath = KeyPath(["variants", name].map { .key($0) })
    func put(_ section: String, _ key: String, _ value: YAMLNode) {
      out = Self.inserting(value, at: [section, key][...], into: out)
    }
    for pair in node.mapping ?? [] {
      guard let k = pair.key.scalar else { continue }
      switch k {
      case "model":
        for m in pair.value.mapping ?? [] {
          guard let mk = m.key.scalar else { continue }
          if mk == "huggingface" || mk == "name" {
            put("model", "path", m.value)
          } else if mk == "task" {
            put("model", "task", m.value)
          } else {
            rest = Self.inserting(m.value, at: ["model", mk], into: rest)
          }
        }
      case "engine", "backend":
        let llm = k == "engine" ? pair.value["llm"] : pair.value
        if k == "engine" {
          for e in pair.value.mapping ?? [] where e.key.scalar != "llm" {
            rest = Self.inserting(e.value, at: ["engine", e.key.scalar ?? ""], into: rest)
          }
        }
        let prefix = k == "engine" ? ["engine", "llm"] : ["backend"]
        let variantEngine: String? =
          llm?["sglang"] != nil ? "sglang" : llm?["vllm"] != nil ? "vllm" : nil
        for l in llm?.mapping ?? [] {
          guard let lk = l.key.scalar else { continue }
          if let f = NamedField(yamlKey: lk), Self.namedKeys.contains(f) {
            put("serving", lk, l.value)
          } else if lk == variantEngine, let engine = EngineName(rawValue: lk) {
            if engine != (base.engine ?? .vllm) { put("engine", "name", .string(lk)) }
            for b in l.value.mapping ?? [] {
              guard let bk = b.key.scalar else { continue }
              let p = vpath.appending(k) / "llm" / lk / bk
              if let f = NamedField(yamlKey: bk), Self.namedKeys.contains(f), k == "backend" {
                put("serving", bk, b.value)
              } else if bk == "image" {
                put("engine", "image", b.value)
                if let s = b.value.scalar, let v = ContainerImage(s).version {
                  put("engine", "version", .string(Self.versionText(v)))
                }
              } else if bk == "extra_args" {
                let args = readExtraArgs(b.value, engine: engine, path: p)
                var pairs = base.args.filter { a in !args.contains { $0.flag == a.flag } }.map {
                  YAMLPair($0.flag, .null)
                }
                pairs += args.map { YAMLPair($0.flag, $0.value.node) }
                out = Self.inserting(.mapping(pairs), at: ["args"], into: out)
              } else if bk == "extra_env" {
                let env = Self.env(b.value).map {
                  YAMLPair($0.name, $0.value.map(YAMLNode.string) ?? .null)
                }
                out = Self.inserting(.mapping(env), at: ["env"], into: out)
              } else {
                rest = Self.inserting(b.value, at: (prefix + [lk, bk])[...], into: rest)
              }
            }
          } else {
            rest = Self.inserting(l.value, at: (prefix + [lk])[...], into: rest)
          }
        }
      case "benchmark":
        let b = readBenchmark(pair.value, path: vpath / "benchmark")
        var bp: [YAMLPair] = []
        if let i = b.isl { bp.append(YAMLPair("isl", .int(i))) }
        if let o = b.osl { bp.append(YAMLPair("osl", .int(o))) }
        if !b.concurrencies.isEmpty {
          bp.append(
            YAMLPair("concurrencies", .sequence(b.concurrencies.map(YAMLNode.int), style: .flow)))
        }
        if let a = b.args { bp.append(YAMLPair("args", a)) }
        out = Self.inserting(.mapping(bp), at: ["benchmark"], into: out)
      default:
        if k == "gpu", let g = pair.value.scalar, let n = GPUName.normalize(g) {
          put("resources", "gpu_type", .string(n))
        }
        if k == "deploy", let g = pair.value["gpu"]?.scalar, let n = GPUName.normalize(g) {
          put("resources", "gpu_type", .string(n))
        }
        rest = Self.inserting(pair.value, at: [k], into: rest)
      }
    }
    if rest.mapping?.isEmpty == false {
      out = Self.inserting(rest, at: ["launcher", "deplodock", "variant"], into: out)
    }
    return out
  }
}
