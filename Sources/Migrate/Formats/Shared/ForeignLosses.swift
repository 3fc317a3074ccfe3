package import Schema

/// Loss checks shared by the foreign-format exporters: the parts of a v2 recipe that none of
/// the flat foreign formats (spark, sparkrun, vllm-args, engine-config) can hold.
package struct ForeignLosses {
  /// The losses found so far.
  package private(set) var entries: [LossEntry] = []

  package init() {}

  /// Records one loss.
  package mutating func add(_ path: KeyPath, _ value: String, _ reason: String) {
    entries.append(LossEntry(path: path, value: value, reason: reason))
  }

  /// Reports labels, status, model revision/precision/task, variants, and every role override
  /// (roles other than `aggregated`, or any when `keepAggregatedRole` is false).
  package mutating func checkCommon(_ r: RecipeV2, format: String, keepAggregatedRole: Bool = true)
  {
    if !r.labels.isEmpty {
      add("labels", r.labels.joined(separator: ", "), "\(format) has no labels")
    }
    if let s = r.status { add("status", s.state.rawValue, "\(format) has no status") }
    if let v = r.model.revision {
      add("model.revision", v, "\(format) cannot pin a model revision")
    }
    if let v = r.model.precision {
      add("model.precision", v, "\(format) does not record the weight precision")
    }
    if let v = r.model.task { add("model.task", v, "\(format) does not record the model task") }
    for p in r.engine.plugins {
      add(
        KeyPath("engine") / "plugins" / p.name.rawValue, p.version ?? "",
        "\(format) cannot name an engine plugin to install")
    }
    for v in r.variants {
      add(KeyPath("variants") / v.name, "variant", "\(format) has no variants")
    }
    if r.topology.mode == .disaggregated {
      let roles = r.topology.roleNames.map { role -> String in
        let p = r.topology.roles[role]
        return "\(role.rawValue): \(p?.nodes ?? 0) nodes × \(p?.workers ?? 0) workers"
      }
      add(
        "topology", roles.joined(separator: ", "),
        "\(format) runs one aggregated server; a disaggregated prefill/decode topology cannot be expressed"
      )
    }
    for role in r.roles.keys.sorted() {
      guard let rc = r.roles[role], !rc.isEmpty else { continue }
      if keepAggregatedRole && role == .aggregated { continue }
      let what = rc.serving.setFields.map(\.key) + rc.args.map(\.flag) + rc.env.map(\.name)
      add(
        KeyPath("roles") / role.rawValue, what.joined(separator: ", "),
        "\(format) has one set of flags and env; per-role overrides cannot be expressed")
    }
  }

  /// Reports the benchmark (for formats without one).
  package mutating func checkNoBenchmark(_ r: RecipeV2, format: String) {
    if let b = r.benchmark { add("benchmark", b.tool, "\(format) has no benchmark section") }
  }

  /// Reports every launcher tool block other than `keep`.
  package mutating func checkOtherTools(
    _ r: RecipeV2, keep: RecipeV2.Launcher.Tool?, format: String
  ) {
    guard let l = r.launcher else { return }
    for tool in RecipeV2.Launcher.Tool.allCases where tool != keep {
      if let node = l.tools[tool] {
        add(
          KeyPath("launcher") / tool.rawValue, node.jsonText,
          "settings of another launcher (\(tool.rawValue)) have no place in \(format)")
      }
    }
  }

  /// Reports the spark launcher settings (command template, parameters, mods, build args,
  /// cluster-only, solo-only, node bounds) that a format of engine flags only cannot hold; the
  /// node bounds as a missing "node range" when `nodeRange`, else by their keys.
  package mutating func checkSparkSettings(
    _ l: RecipeV2.Launcher, format: String, nodeRange: Bool
  ) {
    if let v = l.command {
      add("launcher.command", v, "\(format) has no command template")
    }
    if let v = l.parameters {
      add("launcher.parameters", v.jsonText, "\(format) has no template parameters")
    }
    if !l.mods.isEmpty {
      add("launcher.mods", l.mods.joined(separator: ", "), "\(format) has no mods")
    }
    if !l.buildArgs.isEmpty {
      add("launcher.build_args", l.buildArgs.joined(separator: " "), "\(format) has no build args")
    }
    if let v = l.clusterOnly {
      add("launcher.cluster_only", String(v), "\(format) has no cluster_only")
    }
    if let v = l.soloOnly {
      add("launcher.solo_only", String(v), "\(format) has no solo_only")
    }
    if let v = l.minNodes {
      add(
        "launcher.min_nodes", String(v),
        "\(format) has no \(nodeRange ? "node range" : "min_nodes")")
    }
    if let v = l.maxNodes {
      add(
        "launcher.max_nodes", String(v),
        "\(format) has no \(nodeRange ? "node range" : "max_nodes")")
    }
  }
}
