internal import Engines
import Schema

/// The document: the keys of a spark recipe, in its key order.
extension SparkTemplateConverter {
  /// The spark document: the tool block's keys with v2's values, in the source's key order
  /// (canonical order for new keys).
  func exportDocument(
    _ recipe: RecipeV2, launcher: RecipeV2.Launcher, toolBlock: YAMLNode,
    common: CommonSettings, modelKey: String, minNodes: Int?, params: YAMLNode, command: String,
    losses: inout ForeignLosses, diagnostics: inout [Diagnostic]
  ) -> YAMLDocument {
    let engine = recipe.engine.name
    var values: [String: YAMLNode] = [:]
    for p in toolBlock.mapping ?? [] { if let k = p.key.scalar { values[k] = p.value } }
    values["recipe_version"] = values["recipe_version"] ?? .string(flavor == .spark ? "1" : "2")
    if flavor == .spark { values["name"] = values["name"] ?? .string(recipe.name) }
    values["model"] = .string(modelKey)
    if flavor == .sparkrun {
      let rt = values["runtime"]?.scalar.flatMap { EngineName(name: $0) }
      if rt != engine { values["runtime"] = .string(engine.rawValue) }
    } else if engine != .vllm {
      diagnostics.append(
        Diagnostic(
          .warning, code: "engine",
          "spark-vllm-docker images run vLLM; the \(engine) command needs a container that has it"))
    }
    if let d = recipe.description {
      let order = recipe.provenance?.roundtrip?.keyOrder ?? []
      if flavor == .spark || order.contains("description")
        || values["metadata"] == nil && flavor == .spark
      {
        values["description"] = .string(d)
      } else {
        var meta = values["metadata"] ?? .mapping([])
        if meta["description"]?.scalar != d { meta.set("description", .string(d)) }
        values["metadata"] = meta
      }
    }
    if let image = recipe.engine.image {
      values["container"] = .string(image)
      if let v = recipe.engine.version, ForeignCatalogs.version(ofImage: image) != v {
        losses.add(
          "engine.version", v,
          "\(formatID) takes the engine version from the container tag, and '\(image)' does not name \(v)"
        )
      }
    } else {
      diagnostics.append(
        Diagnostic(
          .warning, code: "missing-container",
          "the recipe has no engine.image; \(formatID) needs a container"))
      if let v = recipe.engine.version {
        losses.add(
          "engine.version", v,
          "\(formatID) takes the engine version from the container tag, and there is no container")
      }
    }
    if let v = launcher.clusterOnly { values["cluster_only"] = .bool(v) }
    if let v = launcher.soloOnly { values["solo_only"] = .bool(v) }
    if flavor == .sparkrun {
      if let v = minNodes { values["min_nodes"] = .int(v) }
      if let v = launcher.maxNodes { values["max_nodes"] = .int(v) }
    } else {
      if let v = launcher.minNodes {
        losses.add("launcher.min_nodes", String(v), "spark has no min_nodes")
      }
      if let v = launcher.maxNodes {
        losses.add("launcher.max_nodes", String(v), "spark has no max_nodes")
      }
    }
    if let v = recipe.model.revision, flavor == .sparkrun { values["model_revision"] = .string(v) }
    if !launcher.buildArgs.isEmpty {
      values["build_args"] = .sequence(launcher.buildArgs.map { .string($0) })
    }
    if !launcher.mods.isEmpty || values["mods"] != nil
      || recipe.provenance?.roundtrip?.keyOrder.contains("mods") == true
    {
      values["mods"] = .sequence(
        launcher.mods.map { .string($0) }, style: launcher.mods.isEmpty ? .flow : .block)
    }
    if params.mapping?.isEmpty == false { values["defaults"] = params }
    if !common.env.isEmpty {
      values["env"] = .mapping(
        common.env.map { YAMLPair($0.name, YAMLNode(.scalar($0.value ?? "", .doubleQuoted))) })
    } else if recipe.provenance?.roundtrip?.keyOrder.contains("env") == true {
      values["env"] = .null
    }
    values["command"] = YAMLNode(.scalar(command, .literal))

    let sourceOrder =
      recipe.provenance?.sourceFormat == formatID
      ? recipe.provenance?.roundtrip?.keyOrder ?? [] : []
    var order = sourceOrder.filter { values[$0] != nil }
    for k in canonicalOrder + (toolBlock.keys) where values[k] != nil && !order.contains(k) {
      if let pos = canonicalOrder.firstIndex(of: k),
        let after = canonicalOrder[..<pos].last(where: { order.contains($0) }),
        let i = order.firstIndex(of: after)
      {
        order.insert(k, at: i + 1)
      } else if k == "command" || !canonicalOrder.contains(k) {
        order.append(k)
      } else {
        order.insert(k, at: 0)
      }
    }
    return YAMLDocument(root: .mapping(order.compactMap { k in values[k].map { YAMLPair(k, $0) } }))
  }
}
