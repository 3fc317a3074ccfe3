internal import Engines
public import Schema

extension EngineConfigConverter {
  // MARK: - Import

  /// Reads an engine config file into v2.
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    var failure = Conversion<RecipeV2>(value: nil)
    guard
      let doc = ForeignDocument(
        documents, file: file, kind: "an engine-config file", failure: &failure)
    else { return failure }
    let (ctx, root, r) = (doc.context, doc.root, doc.reader)
    let keys = r.keys
    let flagKeys = keys.filter { $0 != "model" }
    let engine = Self.engine(for: flagKeys)
    let catalog = ForeignCatalogs.catalog(engine: engine, version: nil)
    var read = ForeignFlags()
    for key in keys {
      guard let v = r.node(key), let keyNode = r.keyNode(key) else { continue }
      readKey(key, v, keyNode: keyNode, engine: engine, catalog: catalog, into: &read, ctx: ctx)
    }
    if read.modelPath == nil {
      ctx.warning(
        "missing-model",
        "the engine-config format does not carry the model; model.path is set to a placeholder",
        at: root, path: "model",
        hint:
          "set model.path in the v2 recipe (the file is passed to '\(engine) serve MODEL --config FILE')"
      )
    }
    read.extra.append(YAMLPair("key_order", .sequence(keys.map { .string($0) }, style: .flow)))
    let recipe = RecipeV2(
      name: ForeignValues.recipeName(file: file),
      model: RecipeV2.Model(
        path: read.modelPath ?? Self.modelPlaceholder, servedName: read.servedName),
      engine: RecipeV2.Engine(name: engine),
      topology: .aggregated(RecipeV2.RolePlacement(nodes: 1, workers: 1)),
      serving: read.serving, args: read.args,
      launcher: read.launcher == RecipeV2.Launcher() ? nil : read.launcher,
      provenance: RecipeV2.Provenance(
        sourceFormat: "engine-config", sourcePath: SourcePath.recorded(file),
        roundtrip: RecipeV2.Roundtrip(
          flagSpellings: read.spellings, keyOrder: keys, extra: .mapping(read.extra))))
    return Conversion(
      value: ctx.hasErrors ? nil : recipe, diagnostics: ctx.diagnostics, comments: read.comments)
  }

  /// Reads one key: the model, or a flag (a negation as the flag with `false`) sorted into
  /// v2's places; a flag the engine's catalog does not know is kept with a warning.
  func readKey(
    _ key: String, _ v: YAMLNode, keyNode: YAMLNode, engine: EngineName, catalog: FlagCatalog?,
    into read: inout ForeignFlags, ctx: DecodeContext
  ) {
    let p = KeyPath.root / key
    let flag = String(key.drop { $0 == "-" })
    var value = ForeignValues.argValue(node: v)
    var dest = KeyPath("args") / flag
    var argKey = flag
    let resolution = catalog?.resolve("--" + flag)
    if resolution == nil && key != "model" {
      var hint: String? = nil
      if let s = catalog?.suggestion(for: "--" + flag) {
        hint = "did you mean '\(s.drop { $0 == "-" })'?"
      }
      ctx.warning(
        "unknown-flag", "'\(key)' is not a \(engine) flag in the newest catalog; kept as written",
        at: keyNode, path: p, hint: hint)
    }
    if let res = resolution, res.isNegated {
      if case .bool(let b) = value {
        argKey = String(res.flag.name.dropFirst(2))
        value = .bool(!b)
        dest = KeyPath("args") / argKey
      }
    }
    if key == "model" {
      read.modelPath = v.scalar
      dest = "model.path"
      read.extra.append(YAMLPair("model_key", .bool(true)))
    } else {
      let slot = SparkTemplateSlot.of(flag, value: value, engine: engine)
      if !read.place(slot, flag: flag, value: value, node: v, path: p, dest: &dest, ctx: ctx) {
        if slot == .model {
          read.modelPath = v.scalar
          dest = "model.path"
          read.extra.append(YAMLPair("model_key", .string(key)))
        } else {
          read.args.append(RecipeV2.EngineArg(argKey, value))
        }
      }
    }
    read.comment(key: keyNode, value: v, at: dest)
  }
}
