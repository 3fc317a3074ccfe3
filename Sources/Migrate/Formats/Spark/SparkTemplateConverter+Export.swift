internal import Engines
public import Schema

extension SparkTemplateConverter {
  // MARK: - Export

  /// The settings a spark recipe writes once for every node: the aggregated role's (with its
  /// overrides), or a disaggregated recipe's common ones (its roles are reported as losses).
  typealias CommonSettings = (
    serving: RecipeV2.Serving, args: [RecipeV2.EngineArg], env: [RecipeV2.EnvVar]
  )

  /// Writes a v2 recipe as a recipe of this flavor.
  public func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    var losses = ForeignLosses()
    var diagnostics: [Diagnostic] = []
    losses.checkCommon(recipe, format: formatID)
    losses.checkNoBenchmark(recipe, format: formatID)
    losses.checkOtherTools(recipe, keep: tool, format: formatID)
    let engine = recipe.engine.name
    let launcher = recipe.launcher ?? RecipeV2.Launcher()
    let toolBlock = launcher.tools[tool] ?? .mapping([])
    // A disaggregated recipe: the common settings (roles are reported as losses).
    let resolved = recipe.resolved(
      role: recipe.topology.mode == .aggregated ? .aggregated : .prefill)
    let common: CommonSettings = (
      serving: recipe.topology.mode == .aggregated ? resolved.serving : recipe.serving,
      args: recipe.topology.mode == .aggregated
        ? resolved.args : recipe.args.filter { $0.value != .null },
      env: recipe.topology.mode == .aggregated
        ? resolved.env : recipe.env.filter { $0.value != nil }
    )
    let catalog = ForeignCatalogs.catalog(engine: engine, version: recipe.engine.version)

    let minNodes = exportNodes(recipe, launcher: launcher, common: common, losses: &losses)
    let wanted = wantedOnCommandLine(
      recipe, launcher: launcher, common: common, catalog: catalog, losses: &losses)

    // Parameters: what the template is rendered with.
    var params = launcher.parameters ?? .mapping([])
    let original = recipe.provenance?.roundtrip?.extra?["defaults"]
    let modelKey = toolBlock["model"]?.scalar ?? recipe.model.path
    let command = exportCommand(
      recipe, launcher: launcher, catalog: catalog, wanted: wanted, params: &params,
      original: original, modelKey: modelKey, losses: &losses, diagnostics: &diagnostics)
    let doc = exportDocument(
      recipe, launcher: launcher, toolBlock: toolBlock, common: common, modelKey: modelKey,
      minNodes: minNodes, params: params, command: command, losses: &losses,
      diagnostics: &diagnostics)
    return Conversion(value: [doc], diagnostics: diagnostics, losses: losses.entries)
  }

  // MARK: - Resources and topology

  /// Reports the resources and the aggregated placement spark cannot hold.
  /// - Returns: the `min_nodes` to write (sparkrun raises it to the recipe's node count).
  func exportNodes(
    _ recipe: RecipeV2, launcher: RecipeV2.Launcher, common: CommonSettings,
    losses: inout ForeignLosses
  ) -> Int? {
    if let g = recipe.resources?.gpuType, g.lowercased() != "gb10" {
      losses.add("resources.gpu_type", g, "\(formatID) recipes run on DGX Spark (gb10)")
    }
    if let n = recipe.resources?.gpusPerNode, n != 1 {
      losses.add("resources.gpus_per_node", String(n), "a DGX Spark node has one GPU")
    }
    var minNodes = launcher.minNodes
    if let p = recipe.topology.roles[.aggregated] {
      var implied = Self.impliedNodes(
        serving: common.serving, clusterOnly: launcher.clusterOnly,
        soloOnly: launcher.soloOnly, minNodes: minNodes)
      if implied != p.nodes, flavor == .sparkrun, p.nodes > implied {
        minNodes = p.nodes
        implied = p.nodes
      }
      if implied != p.nodes {
        losses.add(
          "topology.aggregated.nodes", String(p.nodes),
          "\(formatID) derives the node count from tensor × pipeline parallel (one GPU per node), which gives \(implied)"
        )
      }
      if p.workers != 1 {
        losses.add("topology.aggregated.workers", String(p.workers), "\(formatID) runs one server")
      }
      if let g = p.gpusPerWorker, g != p.nodes {
        losses.add(
          "topology.aggregated.gpus_per_worker", String(g),
          "one server spans every node, one GPU each")
      }
    }
    return minNodes
  }
}
