internal import Engines
import Schema

/// The state of one DGD import.
final class DynamoImporter {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []
  var comments: [CommentPlacement] = []

  init(file: String) { self.file = file }

  func location(_ node: YAMLNode?) -> SourceLocation? {
    guard let node, node.start.isKnown else { return nil }
    return SourceLocation(file: file, mark: node.start)
  }

  func report(
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
    var graph = readGraph(root)
    guard let workers = readWorkers(root, &graph) else { return nil }
    let engine = graph.engine ?? .vllm
    guard let model = readModel(workers, commonEnv: graph.commonEnv, root: root) else {
      return nil
    }
    let engineSpec = readImage(workers, engine: engine, into: &graph.dynamo)
    let shared = combine(workers, commonEnv: graph.commonEnv)
    let resources = readResources(workers, spec: graph.spec)
    let launcherPairs = launcherEntries(
      documents, dgdIndex: dgdIndex, graph: graph, workers: workers)
    graph.dynamo += launcherPairs
    return RecipeV2(
      name: NamedFieldImporter.name(file: graph.name, model: model.path), model: model,
      engine: engineSpec,
      resources: resources, topology: RecipeV2.Topology(roles: shared.placements),
      serving: shared.serving,
      args: shared.args,
      env: shared.env, roles: shared.roles,
      launcher: RecipeV2.Launcher(tools: [.dynamo: .mapping(graph.dynamo)]),
      provenance: RecipeV2.Provenance(
        sourceFormat: "dynamo", sourcePath: SourcePath.recorded(file),
        roundtrip: RecipeV2.Roundtrip(flagSpellings: shared.spellings)))
  }

  /// The graph as read so far: what the recipe keeps of it and what goes to `launcher.dynamo`.
  struct Graph {
    /// The DGD with the mapped keys removed (`launcher.dynamo.skeleton`).
    var skeleton: YAMLNode
    var spec: YAMLNode
    /// `launcher.dynamo` entries, in order.
    var dynamo: [YAMLPair] = []
    var name = "dynamo"
    var engine: EngineName?
    /// The spec-level environment every worker gets.
    var commonEnv: [RecipeV2.EnvVar] = []
  }

  /// The name, the engine and the spec-level env of the graph.
  func readGraph(_ root: YAMLNode) -> Graph {
    var graph = Graph(skeleton: root, spec: root["spec"] ?? .mapping([]))
    // name
    if var meta = root["metadata"] {
      if let n = meta["name"]?.scalar { graph.name = n }
      meta.remove("name")
      graph.skeleton.set("metadata", meta)
    }
    // engine
    graph.engine = graph.spec["backendFramework"]?.scalar.flatMap(EngineName.init(name:))
    if graph.spec["backendFramework"] == nil {
      graph.dynamo.append(YAMLPair("backend_framework", .bool(false)))
    }
    graph.spec.remove("backendFramework")
    // spec-level env
    if let envs = graph.spec["envs"]?.sequence {
      let (plain, rest) = Self.splitEnv(envs)
      graph.commonEnv = plain
      if rest.isEmpty { graph.spec.remove("envs") } else { graph.spec.set("envs", .sequence(rest)) }
      if !plain.isEmpty {
        graph.dynamo.append(
          YAMLPair("spec_env", .sequence(plain.map { .string($0.name) }, style: .flow)))
      }
    }
    return graph
  }

  // MARK: - Workers

  /// The worker services, one per role (others are kept verbatim with a warning); their
  /// mapped keys leave the skeleton.
  /// - Returns: nil when there is no worker (an error is reported).
  func readWorkers(_ root: YAMLNode, _ graph: inout Graph) -> [Worker]? {
    var services = graph.spec["services"]?.mapping ?? []
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
          c.name, c.node, role: role, path: path, engine: &graph.engine,
          commonEnv: graph.commonEnv)
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
    graph.spec.set("services", .mapping(services))
    graph.skeleton.set("spec", graph.spec)
    return workers
  }

  // MARK: - Model

  /// The model the workers' flags (or `MODEL_PATH`) name.
  /// - Returns: nil when none does (an error is reported).
  func readModel(_ workers: [Worker], commonEnv: [RecipeV2.EnvVar], root: YAMLNode)
    -> RecipeV2.Model?
  {
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
          root, KeyPath(parsing: "spec.services"))
        return nil
      }
    }
    return model
  }

  // MARK: - Image and versions

  /// The engine with the first worker's image; the version of an engine image, or of Dynamo
  /// for a Dynamo image (to `launcher.dynamo`).
  func readImage(_ workers: [Worker], engine: EngineName, into dynamo: inout [YAMLPair])
    -> RecipeV2.Engine
  {
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
        nil, KeyPath(parsing: "spec.services") / w.service)
    }
    return engineSpec
  }

  // MARK: - Topology, serving, args, env

  /// What the workers share (serving, args, env) and what each role has of its own.
  struct Shared {
    var roles: [RecipeV2.Role: RecipeV2.RoleConfig] = [:]
    var serving = RecipeV2.Serving()
    var args: [RecipeV2.EngineArg] = []
    var env: [RecipeV2.EnvVar]
    var spellings: [RecipeV2.Roundtrip.FlagSpelling] = []
    var placements: [RecipeV2.Role: RecipeV2.RolePlacement] = [:]
  }

  /// One worker's settings as the recipe's, or two workers' common settings with the rest in
  /// their roles.
  func combine(_ workers: [Worker], commonEnv: [RecipeV2.EnvVar]) -> Shared {
    var out = Shared(env: commonEnv)
    for w in workers {
      for s in w.argv.spellings where !out.spellings.contains(where: { $0.field == s.field }) {
        out.spellings.append(s)
      }
    }
    if workers.count == 1 {
      out.serving = workers[0].argv.serving
      out.args = workers[0].argv.args
      out.env = Self.overlay(out.env, workers[0].env)
    } else {
      let a = workers[0]
      let b = workers[1]
      for field in NamedField.allCases {
        if let x = a.argv.serving.text(field), x == b.argv.serving.text(field) {
          var s = EngineArgv()
          s.serving = out.serving
          _ = s.set(field, x)
          out.serving = s.serving
        }
      }
      out.args = a.argv.args.filter { b.argv.args.contains($0) }
      for w in workers {
        var rc = RecipeV2.RoleConfig()
        for field in NamedField.allCases where !out.serving.isSet(field) {
          if let x = w.argv.serving.text(field) {
            var s = EngineArgv()
            s.serving = rc.serving
            _ = s.set(field, x)
            rc.serving = s.serving
          }
        }
        rc.args = w.argv.args.filter { !out.args.contains($0) }
        // Common args this role lacks are unset for it.
        rc.args += out.args.filter { c in !w.argv.args.contains { $0.flag == c.flag } }.map {
          RecipeV2.EngineArg($0.flag, .null)
        }
        rc.env = w.env
        if !rc.isEmpty { out.roles[w.role] = rc }
      }
    }
    for w in workers { out.placements[w.role] = w.placement }
    return out
  }

  /// The GPU type (from a worker's node selector) and GPUs per node (of multinode workers).
  func readResources(_ workers: [Worker], spec: YAMLNode) -> RecipeV2.Resources? {
    let gpusPerNode = workers.compactMap(\.gpusPerNode).first
    var gpuType: String?
    for w in workers {
      let selector = spec["services"]?[w.service]?["extraPodSpec"]?["nodeSelector"]?[
        "nvidia.com/gpu.product"]?.scalar
      if let selector, gpuType == nil { gpuType = GPUName.normalize(selector) }
    }
    return gpuType == nil && gpusPerNode == nil
      ? nil : RecipeV2.Resources(gpuType: gpuType, gpusPerNode: gpusPerNode)
  }

  // MARK: - launcher.dynamo

  /// The skeleton, the workers' records and the other documents of the file, for
  /// `launcher.dynamo`; the namespace's comments are placed there too.
  func launcherEntries(
    _ documents: [YAMLDocument], dgdIndex: Int, graph: Graph, workers: [Worker]
  ) -> [YAMLPair] {
    var dynamo: [YAMLPair] = []
    dynamo.append(YAMLPair("skeleton", graph.skeleton))
    dynamo.append(
      YAMLPair("workers", .mapping(workers.map { YAMLPair($0.service, .mapping($0.record)) })))
    if documents.count > 1 {
      dynamo.append(YAMLPair("dgd_index", .int(dgdIndex)))
      dynamo.append(
        YAMLPair(
          "documents",
          .sequence(documents.enumerated().filter { $0.offset != dgdIndex }.map(\.element.root))))
    }
    if let ns = documents[dgdIndex].root["metadata"]?["namespace"] {
      comments.append(
        CommentPlacement(
          path: "launcher.dynamo.skeleton.metadata.namespace", keyComments: ns.comments,
          valueComments: YAMLComments()))
    }
    return dynamo
  }
}
