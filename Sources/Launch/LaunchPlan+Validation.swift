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
      if let port = p.port, !(1...65535).contains(port) {
        throw .invalidPlan(field: field + ".port", message: "port \(port) out of range")
      }
      if let r = p.readiness {
        guard r.path.hasPrefix("/") else {
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
    }
  }

  /// Fails with the spark-style cluster-only message when a multi-node plan is asked to run
  /// on fewer nodes than it needs.
  ///
  /// - Throws: ``LaunchError/clusterOnly(recipe:nodes:)``.
  public func requireNodes(available: Int) throws(LaunchError) {
    if totalNodes > available { throw .clusterOnly(recipe: recipe.name, nodes: totalNodes) }
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
