internal import Engines
import Schema

/// Workers: which services run an engine, and what one worker's command line says.
extension DynamoImporter {
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
  func readWorker(
    _ svc: String, _ node: YAMLNode, role: RecipeV2.Role, path: KeyPath, engine: inout EngineName?,
    commonEnv: [RecipeV2.EnvVar]
  ) -> (Worker, YAMLNode)? {
    var stripped = node
    var worker = Self.placed(svc, node, role: role, stripped: &stripped)

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
    let argsNode = container["args"]
    let words = Self.engineWords(container, record: &worker.record)
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

  /// A worker with its placement: replicas, GPUs per worker and node count, which leave the
  /// service (`stripped`).
  static func placed(
    _ svc: String, _ node: YAMLNode, role: RecipeV2.Role, stripped: inout YAMLNode
  ) -> Worker {
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
    return worker
  }

  /// The engine's flag words of a container: its args after `python3 -m dynamo.<engine>`, or
  /// the words after it in a `sh -c` script; nil when the command is neither. The program (and
  /// the shell, the script around the words) go to the worker's record.
  static func engineWords(_ container: YAMLNode, record: inout [YAMLPair]) -> [String]? {
    let command = (container["command"]?.sequence ?? []).compactMap(\.scalar)
    let argWords = (container["args"]?.sequence ?? []).compactMap(\.scalar)
    var words: [String]?
    if command.count == 3, Self.programs.contains(command[0]), command[1] == "-m",
      command[2].hasPrefix("dynamo.")
    {
      words = argWords
      record.append(
        YAMLPair("program", .sequence(command.map(YAMLNode.string), style: .flow)))
    } else if command.count == 2, ["/bin/sh", "sh", "/bin/bash", "bash"].contains(command[0]),
      command[1].hasPrefix("-"), command[1].hasSuffix("c"), argWords.count == 1
    {
      let script = argWords[0]
      if let (program, w, prefix, suffix) = Self.script(script) {
        words = w
        record.append(
          YAMLPair("shell", .sequence(command.map(YAMLNode.string), style: .flow)))
        record.append(
          YAMLPair("program", .sequence(program.map(YAMLNode.string), style: .flow)))
        record.append(YAMLPair("prefix", .string(prefix)))
        record.append(YAMLPair("suffix", .string(suffix)))
      }
    }
    return words
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
}

extension YAMLNode {
  /// This mapping with one key set.
  func setting(_ key: String, _ value: YAMLNode) -> YAMLNode {
    var copy = self
    copy.set(key, value)
    return copy
  }
}
