internal import Engines
public import Schema

extension EngineConfigConverter {
  // MARK: - Export

  /// Writes a v2 recipe as an engine config file.
  public func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    var losses = ForeignLosses()
    let format = "engine-config"
    losses.checkCommon(recipe, format: format)
    losses.checkNoBenchmark(recipe, format: format)
    losses.checkOtherTools(recipe, keep: nil, format: format)
    let extra =
      recipe.provenance?.sourceFormat == format ? recipe.provenance?.roundtrip?.extra : nil
    if let d = recipe.description {
      losses.add("description", d, "\(format) holds engine flags only")
    }
    if let v = recipe.engine.version {
      losses.add("engine.version", v, "\(format) does not record the engine version")
    }
    if let v = recipe.engine.image {
      losses.add("engine.image", v, "\(format) does not record the container")
    }
    if let g = recipe.resources?.gpuType {
      losses.add("resources.gpu_type", g, "\(format) does not record the GPU")
    }
    if let g = recipe.resources?.gpusPerNode {
      losses.add("resources.gpus_per_node", String(g), "\(format) does not record the GPU")
    }
    let aggregated = recipe.topology.mode == .aggregated
    if let p = recipe.topology.roles[.aggregated],
      p.nodes != 1 || p.workers != 1 || p.gpusPerWorker != nil
    {
      losses.add(
        "topology.aggregated", "\(p.nodes) nodes × \(p.workers) workers",
        "\(format) does not record the topology")
    }
    let resolved = recipe.resolved(role: aggregated ? .aggregated : .prefill)
    let serving = aggregated ? resolved.serving : recipe.serving
    let argList = aggregated ? resolved.args : recipe.args.filter { $0.value != .null }
    let env = aggregated ? resolved.env : recipe.env.filter { $0.value != nil }
    for e in env {
      losses.add(
        KeyPath("env") / e.name, e.value ?? "", "\(format) holds engine flags, not the environment")
    }
    var hasModelKey = false
    if let mk = extra?["model_key"] {
      hasModelKey = true
      _ = mk
    } else if recipe.model.path != Self.modelPlaceholder {
      losses.add(
        "model.path", recipe.model.path,
        "\(format) does not carry the model (it is the 'serve' argument)")
    }
    if let l = recipe.launcher { losses.checkSparkSettings(l, format: format, nodeRange: true) }
    var entries: [YAMLPair] = []
    if hasModelKey { entries.append(YAMLPair("model", .string(recipe.model.path))) }
    entries += flagEntries(recipe, serving: serving, argList: argList, losses: &losses)
    let order = extra?["key_order"]?.sequence?.compactMap(\.scalar) ?? []
    entries = VLLMArgsConverter.ordered(entries, by: order)
    return Conversion(value: [YAMLDocument(root: .mapping(entries))], losses: losses.entries)
  }

  /// The flags: named fields (in the source's spellings), args (`false` as a negation the
  /// catalog has), port, host and served name.
  func flagEntries(
    _ recipe: RecipeV2, serving: RecipeV2.Serving, argList: [RecipeV2.EngineArg],
    losses: inout ForeignLosses
  ) -> [YAMLPair] {
    let engine = recipe.engine.name
    let catalog = ForeignCatalogs.catalog(engine: engine, version: recipe.engine.version)
    var entries: [YAMLPair] = []
    let spellings = recipe.provenance?.roundtrip?.flagSpellings ?? []
    for field in NamedField.allCases {
      guard let v = serving.value(field) else { continue }
      let m = NamedFieldFlags.flags(for: field, engine: engine)
      if m.form == .value, let c = m.canonical {
        let key = spellings.first { $0.field == field }?.flag ?? String(c.drop { $0 == "-" })
        entries.append(YAMLPair(key, v.flatNode))
      } else if m.form == .switchWhenGreaterThanOne, let c = m.canonical, case .int(let n) = v,
        n > 1
      {
        entries.append(YAMLPair(String(c.drop { $0 == "-" }), .bool(true)))
      } else {
        losses.add(
          KeyPath("serving") / field.key, ForeignValues.words(v).joined(),
          "\(engine) has no flag for it")
      }
    }
    for a in argList {
      if case .bool(false) = a.value,
        let neg = catalog?.resolve("--" + a.flag)?.flag.negations.first
      {
        entries.append(YAMLPair(String(neg.dropFirst(2)), .bool(true)))
      } else {
        entries.append(YAMLPair(a.flag, a.value.flatNode))
      }
    }
    if let p = recipe.launcher?.port { entries.append(YAMLPair("port", .int(p))) }
    if let h = recipe.launcher?.host { entries.append(YAMLPair("host", .string(h))) }
    if let s = recipe.model.servedName { entries.append(YAMLPair("served-model-name", .string(s))) }
    return entries
  }
}
