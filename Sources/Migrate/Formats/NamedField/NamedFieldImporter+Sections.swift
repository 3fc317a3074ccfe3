internal import Engines
import Schema

/// Sections: the model, the engine (`engine.llm` or `backend`) and the benchmark.
extension NamedFieldImporter {
  func readModel(_ node: YAMLNode) -> RecipeV2.Model {
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

  func readEngine(_ node: YAMLNode, into body: inout Body) {
    for pair in node.mapping ?? [] {
      guard let k = pair.key.scalar else { continue }
      if k == "llm" {
        readLLM(pair.value, path: ["engine", "llm"], into: &body)
      } else {
        keep(pair.value, at: ["engine", k])
      }
    }
  }

  func readBackend(_ node: YAMLNode, into body: inout Body) {
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
}
