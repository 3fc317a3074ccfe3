internal import Engines
import Schema

/// The state of one DGD import.
final class DynamoImporter {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []
  private(set) var comments: [CommentPlacement] = []

  init(file: String) { self.file = file }

  func location(_ node: YAMLNode?) -> SourceLocation? {
    guard let node, node.start.isKnown else { return nil }
    return SourceLocation(file: file, mark: node.start)
  }

  private func report(
    _ s: Diagnostic.Severity, _ code: String, _ message: String, _ node: YAMLNode?, _ path: KeyPath,
    hint: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(s, code: code, message, at: location(node), path: path, hint: hint))
  }

  /// One worker's command line, read.
  struct Worker {
    var service: String
    var role: RecipeV2.Role
    var placement: RecipeV2.RolePlacement
    var gpusPerNode: Int?
    var argv = EngineArgv()
    var env: [RecipeV2.EnvVar] = []
    var image: String?
    var record: [YAMLPair] = []
  }

  static let programs: Set<String> = ["python3", "python"]

  // MARK: - Document

  func run(_ documents: [YAMLDocument]) -> RecipeV2? {
    guard
      let dgdIndex = documents.firstIndex(where: {
        $0.root["kind"]?.scalar == "DynamoGraphDeployment"
      })
    else {
      report(
        .error, "missing-document", "no DynamoGraphDeployment document in this file",
        documents.first?.root, .root)
      return nil
    }
    let root = documents[dgdIndex].root
    var skeleton = root
    var spec = root["spec"] ?? .mapping([])
    var dynamo: [YAMLPair] = []

    // name
    var name = "dynamo"
    if var meta = root["metadata"] {
      if let n = meta["name"]?.scalar { name = n }
      meta.remove("name")
      skeleton.set("metadata", meta)
    }
    // engine
    var engineName = spec["backendFramework"]?.scalar.flatMap(EngineName.init(name:))
    if spec["backendFramework"] == nil {
      dynamo.append(YAMLPair("backend_framework", .bool(false)))
    }
    spec.remove("backendFramework")
    // spec-level env
    var commonEnv: [RecipeV2.EnvVar] = []
    if let envs = spec["envs"]?.sequence {
      let (plain, rest) = Self.splitEnv(envs)
      commonEnv = plain
      if rest.isEmpty { spec.remove("envs") } else { spec.set("envs", .sequence(rest)) }
      if !plain.isEmpty {
        dynamo.append(YAMLPair("spec_env", .sequence(plain.map { .string($0.name) }, style: .flow)))
      }
    }

    // workers
    var services = spec["services"]?.mapping ?? []
    var workers: [Worker] = []
    var candidates: [(index: Int, name: String, node: YAMLNode, sub: String?)] = []
    for (i, s) in services.enumerated() {
      guard let svc = s.key.scalar else { continue }
      let type = s.value["componentType"]?.scalar
      let isFrontend = type == "frontend" || (type == nil && svc.lowercased() == "frontend")
      let module = Self.module(of: s.value)
      guard !isFrontend, type == "worker" || type == "main" || module != nil else { continue }
      var sub = s.value["subComponentType"]?.scalar.map { $0.lowercased() }
      if sub != "prefill" && sub != "decode" {
        let l = svc.lowercased()
        sub = l.contains("prefill") ? "prefill" : l.contains("decode") ? "decode" : nil
      }
      candidates.append((i, svc, s.value, sub))
    }
    let disaggregated =
      candidates.contains { $0.sub == "prefill" } && candidates.contains { $0.sub == "decode" }
    var seen: Set<RecipeV2.Role> = []
    let servicesPath = KeyPath(parsing: "spec.services")
    for c in candidates {
      let role: RecipeV2.Role =
        disaggregated
        ? (c.sub == "prefill" ? .prefill : c.sub == "decode" ? .decode : .aggregated) : .aggregated
      let path = servicesPath / c.name
      if role == .aggregated && disaggregated {
        report(
          .warning, "extra-worker",
          "worker '\(c.name)' is neither prefill nor decode in a disaggregated graph; kept verbatim",
          c.node, path)
        continue
      }
      if seen.contains(role) {
        report(
          .warning, "extra-worker",
          "a second \(role.rawValue) worker '\(c.name)'; kept verbatim in launcher.dynamo.skeleton",
          c.node, path)
        continue
      }
      guard
        let (worker, stripped) = readWorker(
          c.name, c.node, role: role, path: path, engine: &engineName, commonEnv: commonEnv)
      else { continue }
      seen.insert(role)
      workers.append(worker)
      services[c.index].value = stripped
    }
    guard !workers.isEmpty else {
      report(
        .error, "missing-key", "no worker service (componentType: worker)",
        root["spec"]?["services"] ?? root, servicesPath)
      return nil
    }
    spec.set("services", .mapping(services))
    skeleton.set("spec", spec)
    let engine = engineName ?? .vllm

    // model
    var model = RecipeV2.Model(path: "")
    for w in workers {
      let env = commonEnv + w.env
      for f in w.argv.owned {
        let value = f.value.map { Self.expand($0, env: env) }
        switch NamedFieldFlags.normalize(f.flag) {
        case "model", "model-path": if model.path.isEmpty, let value { model.path = value }
        case "served-model-name": if model.servedName == nil { model.servedName = value }
        default: break
        }
      }
    }
    if model.path.isEmpty {
      if let v = (commonEnv + workers.flatMap(\.env)).first(where: { $0.name == "MODEL_PATH" })?
        .value
      {
        model.path = v
      } else {
        report(
          .error, "missing-key", "no --model/--model-path in the worker command and no MODEL_PATH",
          root, servicesPath)
        return nil
      }
    }

    // image and versions
    let image = workers.first { $0.image != nil }?.image
    var engineSpec = RecipeV2.Engine(name: engine, image: image)
    if let image {
      let ci = ContainerImage(image)
      if ci.repository.contains("ai-dynamo") {
        if let v = ci.version {
          dynamo.append(YAMLPair("dynamo_version", .string(NamedFieldImporter.versionText(v))))
        }
      } else if let v = ci.version {
        engineSpec.version = NamedFieldImporter.versionText(v)
      }
    }
    for w in workers where w.image != image {
      report(
        .warning, "mixed-images",
        "worker '\(w.service)' uses another image (\(w.image ?? "none")); kept in launcher.dynamo.workers",
        nil, servicesPath / w.service)
    }

    // topology, serving, args, env
    var roles: [RecipeV2.Role: RecipeV2.RoleConfig] = [:]
    var serving = RecipeV2.Serving()
    var args: [RecipeV2.EngineArg] = []
    var env: [RecipeV2.EnvVar] = commonEnv
    var spellings: [RecipeV2.Roundtrip.FlagSpelling] = []
    for w in workers {
      for s in w.argv.spellings where !spellings.contains(where: { $0.field == s.field }) {
        spellings.append(s)
      }
    }
    if workers.count == 1 {
      serving = workers[0].argv.serving
      args = workers[0].argv.args
      env = Self.overlay(env, workers[0].env)
    } else {
      let a = workers[0]
      let b = workers[1]
      for field in NamedField.allCases {
        if let x = a.argv.serving.text(field), x == b.argv.serving.text(field) {
          var s = EngineArgv()
          s.serving = serving
          _ = s.set(field, x)
          serving = s.serving
        }
      }
      args = a.argv.args.filter { b.argv.args.contains($0) }
      for w in workers {
        var rc = RecipeV2.RoleConfig()
        for field in NamedField.allCases where !serving.isSet(field) {
          if let x = w.argv.serving.text(field) {
            var s = EngineArgv()
            s.serving = rc.serving
            _ = s.set(field, x)
            rc.serving = s.serving
          }
        }
        rc.args = w.argv.args.filter { !args.contains($0) }
        // Common args this role lacks are unset for it.
        rc.args += args.filter { c in !w.argv.args.contains { $0.flag == c.flag } }.map {
          RecipeV2.EngineArg($0.flag, .null)
        }
        rc.env = w.env
        if !rc.isEmpty { roles[w.role] = rc }
      }
    }
    var placements: [RecipeV2.Role: RecipeV2.RolePlacement] = [:]
    for w in workers { placements[w.role] = w.placement }
    let gpusPerNode = workers.compactMap(\.gpusPerNode).first
    var gpuType: String?
    for w in workers {
      let selector = spec["services"]?[w.service]?["extraPodSpec"]?["nodeSelector"]?[
        "nvidia.com/gpu.product"]?.scalar
      if let selector, gpuType == nil { gpuType = GPUName.normalize(selector) }
    }

    // launcher.dynamo
    dynamo.append(YAMLPair("skeleton", skeleton))
    dynamo.append(
      YAMLPair("workers", .mapping(workers.map { YAMLPair($0.service, .mapping($0.record)) })))
    if documents.count > 1 {
      dynamo.append(YAMLPair("dgd_index", .int(dgdIndex)))
      dynamo.append(
        YAMLPair(
          "documents",
          .sequence(documents.enumerated().filter { $0.offset != dgdIndex }.map(\.element.root))))
    }
    if let ns = root["metadata"]?["namespace"] {
      comments.append(
        CommentPlacement(
          path: "launcher.dynamo.skeleton.metadata.namespace", keyComments: ns.comments,
          valueComments: YAMLComments()))
    }
    let resources: RecipeV2.Resources? =
      gpuType == nil && gpusPerNode == nil
      ? nil : RecipeV2.Resources(gpuType: gpuType, gpusPerNode: gpusPerNode)
    return RecipeV2(
      name: NamedFieldImporter.name(file: name, model: model.path), model: model,
      engine: engineSpec,
      resources: resources, topology: RecipeV2.Topology(roles: placements), serving: serving,
      args: args,
      env: env, roles: roles, launcher: RecipeV2.Launcher(tools: [.dynamo: .mapping(dynamo)]),
      provenance: RecipeV2.Provenance(
        sourceFormat: "dynamo", sourcePath: SourcePath.recorded(file),
        roundtrip: RecipeV2.Roundtrip(flagSpellings: spellings)))
  }

  // MARK: - Workers

  /// The `dynamo.<engine>` module a service runs, if its command says so.
  static func module(of service: YAMLNode) -> String? {
    let c = service["extraPodSpec"]?["mainContainer"]
    let words =
      (c?["command"]?.sequence ?? []).compactMap(\.scalar)
      + (c?["args"]?.sequence ?? []).compactMap(\.scalar)
    for w in words {
      for t in w.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
      where t.hasPrefix("dynamo.") {
        let rest = t.dropFirst("dynamo.".count).prefix { $0.isLetter }
        if ["sglang", "vllm", "trtllm"].contains(String(rest)) { return String(rest) }
      }
    }
    return nil
  }

  /// Reads one worker; returns it and its service without the mapped keys.
  private func readWorker(
    _ svc: String, _ node: YAMLNode, role: RecipeV2.Role, path: KeyPath, engine: inout EngineName?,
    commonEnv: [RecipeV2.EnvVar]
  ) -> (Worker, YAMLNode)? {
    var stripped = node
    let replicas = node["replicas"].flatMap { Int($0.scalar ?? "") } ?? 1
    stripped.remove("replicas")
    var gpu: Int?
    if var res = node["resources"], var limits = res["limits"], let g = limits["gpu"]?.scalar {
      gpu = Int(g)
      limits.remove("gpu")
      if limits.mapping?.isEmpty == true { res.remove("limits") } else { res.set("limits", limits) }
      if res.mapping?.isEmpty == true {
        stripped.remove("resources")
      } else {
        stripped.set("resources", res)
      }
    }
    let nodeCount = node["multinode"]?["nodeCount"].flatMap { Int($0.scalar ?? "") }
    var placement = RecipeV2.RolePlacement(
      nodes: replicas * (nodeCount ?? 1), workers: replicas,
      gpusPerWorker: gpu.map { $0 * (nodeCount ?? 1) })
    if role != .aggregated && placement.nodes < 1 { placement.nodes = 1 }
    var worker = Worker(
      service: svc, role: role, placement: placement, gpusPerNode: nodeCount != nil ? gpu : nil)
    worker.record.append(YAMLPair("role", .string(role.rawValue)))

    var pod = node["extraPodSpec"] ?? .mapping([])
    var container = pod["mainContainer"] ?? .mapping([])
    worker.image = container["image"]?.scalar
    container.remove("image")
    if let envs = container["env"]?.sequence {
      let (plain, rest) = Self.splitEnv(envs)
      worker.env = plain
      if rest.isEmpty { container.remove("env") } else { container.set("env", .sequence(rest)) }
    }
    let cpath = path / "extraPodSpec" / "mainContainer"
    let command = (container["command"]?.sequence ?? []).compactMap(\.scalar)
    let argsNode = container["args"]
    let argWords = (argsNode?.sequence ?? []).compactMap(\.scalar)
    var words: [String]?
    if command.count == 3, Self.programs.contains(command[0]), command[1] == "-m",
      command[2].hasPrefix("dynamo.")
    {
      words = argWords
      worker.record.append(
        YAMLPair("program", .sequence(command.map(YAMLNode.string), style: .flow)))
    } else if command.count == 2, ["/bin/sh", "sh", "/bin/bash", "bash"].contains(command[0]),
      command[1].hasPrefix("-"), command[1].hasSuffix("c"), argWords.count == 1
    {
      let script = argWords[0]
      if let (program, w, prefix, suffix) = Self.script(script) {
        words = w
        worker.record.append(
          YAMLPair("shell", .sequence(command.map(YAMLNode.string), style: .flow)))
        worker.record.append(
          YAMLPair("program", .sequence(program.map(YAMLNode.string), style: .flow)))
        worker.record.append(YAMLPair("prefix", .string(prefix)))
        worker.record.append(YAMLPair("suffix", .string(suffix)))
      }
    }
    guard let words,
      let module =
        (worker.record.first { $0.key.scalar == "program" }?.value.sequence?.last?.scalar)
    else {
      report(
        .warning, "unparsed-command",
        "the command of worker '\(svc)' is not 'python3 -m dynamo.<engine> …'; kept verbatim, its flags are not in args",
        argsNode ?? node, cpath / "args")
      stripped.set("extraPodSpec", pod.setting("mainContainer", container))
      worker.record.append(YAMLPair("image", worker.image.map(YAMLNode.string) ?? .null))
      worker.image = nil
      return (worker, stripped)
    }
    let moduleEngine = EngineName(name: String(module.dropFirst("dynamo.".count)))
    if engine == nil { engine = moduleEngine }
    let eng = engine ?? moduleEngine ?? .vllm
    container.remove("command")
    container.remove("args")
    worker.argv = EngineArgv.read(words, engine: eng, extractNamedFields: true)
    if !worker.argv.owned.isEmpty {
      worker.record.append(
        YAMLPair(
          "owned",
          .sequence(
            worker.argv.owned.map { f in
              .sequence(
                [.string(f.flag)] + (f.value.map { [YAMLNode.string($0)] } ?? []), style: .flow)
            })))
    }
    if !worker.argv.positionals.isEmpty {
      report(
        .warning, "positional-args",
        "worker '\(svc)' passes words that belong to no flag: \(worker.argv.positionals.joined(separator: " ")); kept in launcher.dynamo.workers",
        argsNode, cpath / "args")
      worker.record.append(
        YAMLPair(
          "positionals", .sequence(worker.argv.positionals.map(YAMLNode.string), style: .flow)))
    }
    if let c = argsNode, !c.comments.isEmpty {
      comments.append(
        CommentPlacement(
          path: role == .aggregated ? "args" : "roles" / role.rawValue / "args",
          keyComments: c.comments, valueComments: YAMLComments()))
    }
    pod.set("mainContainer", container)
    stripped.set("extraPodSpec", pod)
    return (worker, stripped)
  }

  /// Finds `python3 -m dynamo.<engine>` in a shell script: the program words, the flag words
  /// up to the next shell operator, and the script text before and after them.
  static func script(_ text: String) -> ([String], [String], String, String)? {
    guard let words = try? ShellWords.split(text) else { return nil }
    guard
      let i = words.indices.first(where: { i in
        i + 2 < words.count && programs.contains(words[i].text) && words[i + 1].text == "-m"
          && words[i + 2].text.hasPrefix("dynamo.")
          && EngineName(name: String(words[i + 2].text.dropFirst(7))) != nil
      })
    else { return nil }
    var end = i + 3
    while end < words.count, !["&&", "||", ";", "|", "&"].contains(words[end].text) { end += 1 }
    let bytes = Array(text.utf8)
    let prefix = String(decoding: bytes[..<words[i].range.lowerBound], as: UTF8.self)
    let suffix = String(decoding: bytes[words[end - 1].range.upperBound...], as: UTF8.self)
    return (words[i..<(i + 3)].map(\.text), words[(i + 3)..<end].map(\.text), prefix, suffix)
  }

  /// Plain `{name, value}` entries, and the rest (`valueFrom`, …) kept as written.
  static func splitEnv(_ items: [YAMLNode]) -> ([RecipeV2.EnvVar], [YAMLNode]) {
    var plain: [RecipeV2.EnvVar] = []
    var rest: [YAMLNode] = []
    for item in items {
      if let n = item["name"]?.scalar, item.keys.allSatisfy({ $0 == "name" || $0 == "value" }) {
        plain.append(RecipeV2.EnvVar(n, item["value"]?.scalar ?? ""))
      } else {
        rest.append(item)
      }
    }
    return (plain, rest)
  }

  /// `a` with `b`'s entries replacing same-named ones in place, new ones appended.
  static func overlay(_ a: [RecipeV2.EnvVar], _ b: [RecipeV2.EnvVar]) -> [RecipeV2.EnvVar] {
    var out = a
    for e in b {
      if let i = out.firstIndex(where: { $0.name == e.name }) { out[i] = e } else { out.append(e) }
    }
    return out
  }

  /// `$VAR` / `${VAR}` replaced by the env value when the whole word is one variable.
  static func expand(_ word: String, env: [RecipeV2.EnvVar]) -> String {
    var name = Substring(word)
    guard name.hasPrefix("$") else { return word }
    name = name.dropFirst()
    if name.hasPrefix("{"), name.hasSuffix("}") { name = name.dropFirst().dropLast() }
    guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return word }
    return env.last { $0.name == name }?.value ?? word
  }
}

extension YAMLNode {
  /// This mapping with one key set.
  func setting(_ key: String, _ value: YAMLNode) -> YAMLNode {
    var copy = self
    copy.set(key, value)
    return copy
  }
}
