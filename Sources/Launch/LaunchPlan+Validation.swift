internal import Engines
internal import Migrate

extension LaunchPlan {
  /// Checks that every name a renderer writes unquoted (env names, process names, hosts)
  /// is safe, and that placements fit the node set.
  ///
  /// - Throws: ``LaunchError/invalidPlan(field:message:)`` for the first problem found.
  public func validate() throws(LaunchError) {
    if processes.isEmpty {
      throw .invalidPlan(field: "processes", message: "a plan needs at least one process")
    }
    if case .hosts(let hosts) = nodes {
      for (i, h) in hosts.enumerated() where !Self.isSafeHost(h) {
        throw .invalidPlan(field: "nodes[\(i)]", message: "unsafe host name \(ShellQuote.quote(h))")
      }
    }
    var seen = Set<String>()
    for (i, p) in processes.enumerated() {
      let field = "processes[\(i)]"
      guard Self.isSafeName(p.name) else {
        throw .invalidPlan(
          field: field + ".name", message: "unsafe name \(ShellQuote.quote(p.name))")
      }
      guard seen.insert(p.name).inserted else {
        throw .invalidPlan(field: field + ".name", message: "duplicate process name '\(p.name)'")
      }
      guard !p.argv.isEmpty else {
        throw .invalidPlan(field: field + ".argv", message: "empty command")
      }
      guard p.node >= 0, p.nodeCount >= 1 else {
        throw .invalidPlan(field: field + ".node", message: "bad placement")
      }
      if case .hosts = nodes, p.node + p.nodeCount > nodes.count {
        throw .invalidPlan(
          field: field + ".node",
          message: "needs nodes \(p.node)..<\(p.node + p.nodeCount) but the plan has \(nodes.count)"
        )
      }
      for (j, e) in p.env.enumerated() where !Self.isEnvName(e.name) {
        throw .invalidPlan(
          field: field + ".env[\(j)]", message: "unsafe variable name \(ShellQuote.quote(e.name))")
      }
      if let f = p.configFile, !Self.isSafeName(f.name) {
        throw .invalidPlan(
          field: field + ".configFile.name", message: "unsafe name \(ShellQuote.quote(f.name))")
      }
      if let c = p.container { try Self.validate(c, field: field + ".container") }
      if let port = p.port, !(1...65535).contains(port) {
        throw .invalidPlan(field: field + ".port", message: "port \(port) out of range")
      }
      if let r = p.readiness {
        if r.probe == .tcp {
          guard r.path.isEmpty else {
            throw .invalidPlan(
              field: field + ".readiness.path", message: "a TCP probe has no path")
          }
        } else if !r.path.hasPrefix("/") {
          throw .invalidPlan(field: field + ".readiness.path", message: "path must start with '/'")
        }
        guard r.path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
          throw .invalidPlan(
            field: field + ".readiness.path", message: "path contains spaces or control characters")
        }
        guard r.port ?? p.port != nil else {
          throw .invalidPlan(field: field + ".readiness.port", message: "no port to probe")
        }
        if let h = r.host, !Self.isSafeHost(h) {
          throw .invalidPlan(
            field: field + ".readiness.host", message: "unsafe host name \(ShellQuote.quote(h))")
        }
      }
    }
    if let b = benchmark {
      guard !b.argv.isEmpty else {
        throw .invalidPlan(field: "benchmark.argv", message: "empty command")
      }
      for (j, e) in b.env.enumerated() where !Self.isEnvName(e.name) {
        throw .invalidPlan(
          field: "benchmark.env[\(j)]", message: "unsafe variable name \(ShellQuote.quote(e.name))")
      }
      if let c = b.container { try Self.validate(c, field: "benchmark.container") }
    }
  }

  // MARK: - Plans that cannot run

  /// Every reason the plan cannot run as planned on its target: the planner's own
  /// ``errors``, then what the plan's shape shows (a multi-node plan for one machine, a
  /// process spanning nodes with no multi-node launch, processes sharing GPUs, node address
  /// placeholders the target cannot fill in; not for engine-config, which writes one
  /// process's file). Empty for a plan that can run; `registry plan`
  /// exits 1 on a non-empty list unless `--force`.
  public func problems() -> [String] {
    var out = errors
    // An engine config is one process's file: where processes run is not its concern.
    guard target != .engineConfig else { return out }
    let total = totalNodes
    let oneHost: Bool
    if target == .shell, case .count = nodes {
      oneHost = true
    } else {
      oneHost = target == .compose
    }
    if oneHost, total > 1 {
      out.append(
        target == .compose
          ? "recipe '\(recipe.name)' needs \(total) nodes; compose runs every service on one host (use --target slurm or k8s)"
          : "recipe '\(recipe.name)' needs \(total) nodes; without --nodes the shell target runs every process on this machine (name the hosts with --nodes h1,h2, or use --target slurm)"
      )
    }
    if target != .k8s {
      for p in processes where p.nodeCount > 1 && p.distributed == nil && p.mpi == nil {
        out.append(
          "\(p.name) spans \(p.nodeCount) nodes, but the plan has no multi-node launch for \(engine) (\(Self.multiNodeHint(engine)))"
        )
      }
    }
    if !(oneHost && total > 1) { out += gpuOverlaps() }
    for p in processes {
      let refs = p.argv.flatMap(NodeHostTemplate.referencedNodes)
      if target == .k8s, let n = refs.first {
        out.append(
          "\(p.name): the node address {node:\(n)} cannot be filled in on k8s (pods have no node list); the argument would stay literal"
        )
      } else if let n = refs.first(where: { $0 >= total }) {
        out.append("\(p.name): refers to node \(n), but the plan has \(total) node(s)")
      }
    }
    return out
  }

  private static func multiNodeHint(_ engine: String) -> String {
    switch engine {
    case "vllm":
      return
        "vLLM across nodes needs a Ray cluster or its multi-node data-parallel mode (--data-parallel-address, --data-parallel-size-local)"
    case "trtllm": return "TensorRT-LLM across nodes needs an MPI launch: use --target slurm"
    default: return "it would start one instance"
    }
  }

  /// Processes whose GPUs are not kept apart: on one host, each GPU process needs pinned
  /// device ids, and no id may be used twice. Compose runs every service on one host; shell
  /// runs a count-only node set on this machine; other targets place by node index.
  func gpuOverlaps() -> [String] {
    guard target != .k8s, target != .engineConfig else { return [] }
    var byHost: [String: [(name: String, gpus: GPUAllocation)]] = [:]
    var order: [String] = []
    for p in processes {
      guard let g = p.gpus, g.count > 0 else { continue }
      for rank in 0..<(p.isMultiNode || p.mpi != nil ? p.nodeCount : 1) {
        let host: String
        switch (target, nodes) {
        case (.compose, _), (.shell, .count): host = "this machine"
        case (.shell, .hosts(let h)):
          let name = h.indices.contains(p.node + rank) ? h[p.node + rank] : "node \(p.node + rank)"
          host = NodeSet.isLocal(name) ? "this machine" : name
        default: host = "node \(p.node + rank)"
        }
        if byHost[host] == nil { order.append(host) }
        byHost[host, default: []].append((rank == 0 ? p.name : "\(p.name).rank\(rank)", g))
      }
    }
    var out: [String] = []
    for host in order {
      let users = byHost[host] ?? []
      guard users.count > 1 else { continue }
      if let unpinned = users.first(where: { $0.gpus.ids == nil }) {
        let names = users.map(\.name).joined(separator: ", ")
        out.append(
          "\(names) share the GPUs of \(host): \(unpinned.name) asks for \(unpinned.gpus.count) GPU(s) without device ids, so the processes would use the same GPUs"
        )
        continue
      }
      var owner: [Int: String] = [:]
      for u in users {
        for id in u.gpus.ids ?? [] {
          if let other = owner[id] {
            out.append("\(other) and \(u.name) both use GPU \(id) of \(host)")
          } else {
            owner[id] = u.name
          }
        }
      }
    }
    return out
  }

  /// Fails with the spark-style cluster-only message when a multi-node plan is asked to run
  /// on fewer nodes than it needs.
  ///
  /// - Throws: ``LaunchError/clusterOnly(recipe:nodes:)``.
  public func requireNodes(available: Int) throws(LaunchError) {
    if totalNodes > available { throw .clusterOnly(recipe: recipe.name, nodes: totalNodes) }
  }

  /// A container's image is not empty, and no mount path is empty or holds the `,` or `:`
  /// that separate mounts in `--container-mounts`, `--bind` and `-v`.
  static func validate(_ c: ProcessContainer, field: String) throws(LaunchError) {
    if c.image.isEmpty || c.image.hasPrefix("-") {
      throw .invalidPlan(field: field + ".image", message: "bad image \(ShellQuote.quote(c.image))")
    }
    for (i, m) in c.mounts.enumerated() {
      for path in [m.source, m.target]
      where path.isEmpty || path.contains(",") || path.contains(":") || path.contains("\n") {
        throw .invalidPlan(
          field: field + ".mounts[\(i)]", message: "unusable mount path \(ShellQuote.quote(path))")
      }
    }
    if let w = c.workdir, !w.hasPrefix("/") {
      throw .invalidPlan(
        field: field + ".workdir", message: "the working directory must be absolute")
    }
  }

  static func isEnvName(_ s: String) -> Bool {
    guard let f = s.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(f) else {
      return false
    }
    return s.utf8.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "_") }
  }

  static func isSafeName(_ s: String) -> Bool {
    guard let f = s.utf8.first, isAlnum(f) else { return false }
    return s.utf8.allSatisfy {
      isAlnum($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
    }
  }

  static func isSafeHost(_ s: String) -> Bool {
    guard let f = s.utf8.first, f != UInt8(ascii: "-") else { return false }
    return s.utf8.allSatisfy {
      isAlnum($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
        || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "[")
        || $0 == UInt8(ascii: "]")
    }
  }

  private static func isAlnum(_ c: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c)
      || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
  }
}
