// MARK: - Decoding

extension RecipeV2 {
  /// Decodes a v2 recipe, reporting every problem of the document in one pass.
  ///
  /// Unknown keys are errors with a did-you-mean hint; semantic checks cover the topology
  /// (aggregated xor prefill + decode), counts, the deprecation reason, named-field ranges,
  /// named fields repeated in args (the seed-001 ban), launcher-owned flags, and every variant
  /// (each is merged over the base and decoded; its problems are located in the variant).
  /// - Returns: the recipe (nil when there is an error) and the diagnostics.
  public static func decode(_ doc: YAMLDocument, file: String) -> (RecipeV2?, [Diagnostic]) {
    let context = DecodeContext(file: file, unknownKeySeverity: .error)
    let recipe = decode(root: doc.root, context: context, checkVariants: true)
    let diagnostics = context.diagnostics
    return (diagnostics.hasErrors ? nil : recipe, diagnostics)
  }

  static func decode(root: YAMLNode, context: DecodeContext, checkVariants: Bool) -> RecipeV2? {
    guard let r = MappingReader(root, path: .root, context: context) else { return nil }
    if let schemaNode = r.node("schema") {
      if schemaNode.scalar != schemaVersion {
        context.error(
          "unsupported-schema",
          "schema is '\(schemaNode.scalar ?? MappingReader.describe(schemaNode))', expected 'v2'",
          at: schemaNode, path: "schema",
          hint: "write schema: v2 (migrate older recipes with 'registry migrate')")
      }
    } else {
      context.error(
        "missing-key", "missing required key 'schema'", at: root, path: "schema",
        hint: "start the file with schema: v2")
    }
    var name = r.string("name", required: true)
    if let n = name, !RecipeName.check(n, at: r.node("name"), path: "name", context: context) {
      name = nil
    }
    let description = r.string("description")
    let labels = r.stringList("labels") ?? []
    let status = decodeStatus(r)
    let model = r.mapping("model", required: true).flatMap { decodeModel($0) }
    let engine = r.mapping("engine", required: true).flatMap { decodeEngine($0) }
    let resources = r.mapping("resources").map { decodeResources($0) }
    let topology = r.mapping("topology", required: true).flatMap { decodeTopology($0) }
    let serving = r.mapping("serving").map { decodeServing($0) } ?? Serving()
    let args = r.node("args").map { decodeArgs($0, path: "args", context: context) } ?? []
    let env = r.node("env").map { decodeEnv($0, path: "env", context: context) } ?? []
    var roles: [Role: RoleConfig] = [:]
    if let rr = r.mapping("roles") {
      for key in rr.keys {
        guard let role = Role(rawValue: key), let sub = rr.mapping(key) else { continue }
        roles[role] = decodeRoleConfig(sub)
        if let topology, topology.roles[role] == nil, let k = rr.keyNode(key) {
          context.error(
            "role-not-in-topology", "role '\(key)' has overrides but is not in the topology",
            at: k, path: "roles" / key,
            hint: "the topology has: \(topology.roleNames.map(\.rawValue).joined(separator: ", "))")
        }
      }
      rr.finish(known: Role.allCases.map(\.rawValue))
    }
    let benchmark = r.mapping("benchmark").flatMap { decodeBenchmark($0) }
    let launcher = r.mapping("launcher").map { decodeLauncher($0) }
    var variants: [Variant] = []
    if let vr = r.mapping("variants") {
      for key in vr.keys {
        guard let v = vr.node(key) else { continue }
        if v.mapping == nil && !v.isNull {
          context.error(
            "type-mismatch", "expected a mapping, found \(MappingReader.describe(v))",
            at: v, path: "variants" / key)
          continue
        }
        variants.append(Variant(name: key, override: v.isNull ? .mapping([]) : v))
      }
    }
    let provenance = r.mapping("provenance").flatMap { decodeProvenance($0) }
    r.finish(known: keyOrder)

    // Semantic checks that span sections.
    if let engine, let topology {
      checkBan(
        engine: engine.name, topology: topology, serving: serving, args: args, roles: roles,
        root: root, context: context)
    }
    guard let name, let model, let engine, let topology else { return nil }
    let recipe = RecipeV2(
      name: name, description: description, labels: labels, status: status, model: model,
      engine: engine, resources: resources, topology: topology, serving: serving, args: args,
      env: env, roles: roles, benchmark: benchmark, launcher: launcher, variants: variants,
      provenance: provenance)
    if checkVariants { checkVariantsDecode(root: root, variants: variants, context: context) }
    return recipe
  }

  // MARK: - Cross-section checks

  /// The seed-001 ban: a named serving field that is set for a role must not also be given as
  /// an engine flag in the args that role runs with.
  private static func checkBan(
    engine: Engine.Name, topology: Topology, serving: Serving, args: [EngineArg],
    roles: [Role: RoleConfig], root: YAMLNode, context: DecodeContext
  ) {
    var reported: Set<KeyPath> = []
    // The top-level args are checked once and again per role: look their fields up once.
    let topFields = args.map { NamedField.field(forFlag: $0.flag, engine: engine) }
    // Paths and texts are autoclosures: built only when a problem is reported.
    func check(
      _ args: [EngineArg], fields: [NamedField?]?, at argsPath: @autoclosure () -> KeyPath,
      against s: Serving, servingPath: @autoclosure () -> String
    ) {
      for (i, arg) in args.enumerated() {
        let named = fields.map { $0[i] } ?? NamedField.field(forFlag: arg.flag, engine: engine)
        guard let field = named, s.isSet(field) else { continue }
        let p = argsPath() / arg.flag
        guard reported.insert(p).inserted else { continue }
        let keyNode = root.value(at: argsPath())?.mapping?.first { $0.key.scalar == arg.flag }?.key
        context.error(
          "named-field-in-args", "'\(arg.flag)' repeats the named field \(field.key) in args",
          at: keyNode, path: p,
          hint: "set \(servingPath()).\(field.key) only and remove '\(arg.flag)' from args")
      }
    }
    check(args, fields: topFields, at: "args", against: serving, servingPath: "serving")
    for role in topology.roleNames {
      let rc = roles[role] ?? RoleConfig()
      let effective = serving.overlaid(by: rc.serving)
      check(
        args, fields: topFields, at: "args", against: effective,
        servingPath: "roles.\(role.rawValue).serving")
      check(
        rc.args, fields: nil, at: "roles" / role.rawValue / "args", against: effective,
        servingPath: rc.serving.isEmpty ? "serving" : "roles.\(role.rawValue).serving")
    }
  }

  /// Decodes every variant merged over the base; reports the problems a variant introduces,
  /// with key paths under `variants.<name>` when they lie inside the variant.
  private static func checkVariantsDecode(
    root: YAMLNode, variants: [Variant], context: DecodeContext
  ) {
    guard !variants.isEmpty else { return }
    var base = root
    base.remove("variants")
    let known = Set(context.diagnostics.map { "\($0.code) \($0.path)" })
    for variant in variants {
      let vpath: KeyPath = "variants" / variant.name
      for key in ["schema", "variants"] where variant.override[key] != nil {
        let k = variant.override.mapping?.first { $0.key.scalar == key }?.key
        context.error("invalid-variant", "a variant cannot set '\(key)'", at: k, path: vpath / key)
      }
      let merged = deepMerge(base, variant.override)
      let sub = DecodeContext(file: context.file, unknownKeySeverity: .error)
      _ = decode(root: merged, context: sub, checkVariants: false)
      for var d in sub.diagnostics {
        let inside: Bool
        if let loc = d.location, variant.override.start.isKnown {
          // Inside the variant when it lies in the variant's span.
          let s = variant.override.start
          let e = variant.override.end
          inside =
            (loc.line, loc.column) >= (s.line, s.column)
            && (loc.line, loc.column) < (e.line, e.column)
        } else {
          inside = false
        }
        if inside {
          d.path = KeyPath(vpath.components + d.path.components)
        } else {
          if known.contains("\(d.code) \(d.path)") { continue }
          d.message += " (with variant '\(variant.name)' applied)"
          d.path = KeyPath(vpath.components + d.path.components)
        }
        context.append(d)
      }
    }
  }
}
