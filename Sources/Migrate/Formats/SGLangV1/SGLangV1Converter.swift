public import Schema

/// Reads and writes the SGLang recipe format v1 (seed 000 and its srt-slurm evolution,
/// `spec/v1`), losslessly both ways for every recipe the v1 decoder accepts.
///
/// v1 → v2: model, engine (from `backend.type`, version from `sglang_version` or the image
/// tag), resources and topology are typed; the named flags of the engine configs become
/// `serving` fields (common when every role agrees, per role otherwise) and the rest `args`;
/// sections with no typed place (`frontend`, `dynamo`, `slurm`, ...) and backend settings go to
/// `launcher.srt_slurm` as written; `override_<name>` variants become v2 `variants`. Whatever
/// the rebuilt v1 document would still differ in (launcher-owned flags such as `model-path`,
/// quoting that changes a type, key order, `zip_override_*`, comments without a v2 key) is
/// kept in `provenance.roundtrip.extra`, so that v2 → v1 gives an equal document.
///
/// v2 → v1 writes the layout named by `provenance.roundtrip.layout` (`proposal` = seed,
/// otherwise srt-slurm `backend`), and reports what v1 cannot express as losses.
public struct SGLangV1Converter: FormatConverter, CommentAwareExporter {
  /// The SGLang v1 converter.
  public init() {}

  /// `.sglangV1`.
  public var format: RecipeFormat { .sglangV1 }

  // MARK: - v1 → v2

  /// Reads a v1 recipe into v2.
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    guard documents.count == 1, let doc = documents.first else {
      return .notOneDocument(file: file, kind: "a v1 recipe file")
    }
    let (decoded, diagnostics) = RecipeV1.decode(doc, file: file)
    guard let v1 = decoded, !diagnostics.hasErrors else {
      return Conversion(value: nil, diagnostics: diagnostics)
    }
    var (recipe, hints) = Self.importBody(v1, file: file)

    // Variants: override_<name> → v2 variant (as a v2 diff of the merged recipe); every
    // override node is also kept as written for the way back.
    var overrides: [YAMLPair] = []
    var notes = diagnostics
    if v1.usesBase, let base = doc.root["base"] {
      let baseV2 = Self.comparable(recipe)
      for v in v1.variants {
        overrides.append(YAMLPair(v.key, v.node))
        guard v.kind == .override else { continue }
        if let o = Self.v2Override(base: base, override: v.node, baseV2: baseV2, file: file) {
          recipe.variants.append(RecipeV2.Variant(name: v.name, override: o))
        } else {
          notes.append(
            Diagnostic(
              .note, code: "variant-kept", "'\(v.key)' has no v2 variant; it is kept for v1 only",
              path: KeyPath.root / v.key))
        }
      }
    }
    let layout = v1.layout
    var extra: [YAMLPair] = []
    if let h = hints.node { extra.append(YAMLPair("hints", h)) }
    if !overrides.isEmpty { extra.append(YAMLPair("overrides", .mapping(overrides))) }
    let keyOrder = doc.root.keys
    recipe.provenance = RecipeV2.Provenance(
      sourceFormat: layout == .seed ? "sglang-v1" : "srt-slurm",
      roundtrip: RecipeV2.Roundtrip(
        layout: layout == .seed ? "proposal" : "backend",
        flagSpellings: recipe.provenance?.roundtrip?.flagSpellings ?? [],
        keyOrder: keyOrder, extra: extra.isEmpty ? nil : .mapping(extra)))

    // What the rebuilt v1 would still differ in.
    var export = Self.exportDocument(recipe, variantsFromV2: false)
    var residue = SGLangV1Residue.diff(original: doc.root, rebuilt: export.document)
    Self.addResidueEntries(residue, to: &export.table)
    Self.setResidue(residue, trailing: doc.trailingComments, in: &recipe)

    // Comments: on the v2 key of each v1 key; what has no v2 key of its own is kept.
    let encoded = recipe.encode()
    var placements: [CommentPlacement] = []
    var claims = Claims()
    var orphans: [SGLangV1Residue.Comment] = []
    let keys = export.table.keys(of: doc.root)
    // Commented keys claim their v2 key, in document order.
    var orphanAt: [Int] = []
    for i in keys.indices where keys[i].hasComments {
      guard let v2 = keys[i].v2, encoded.value(at: v2) != nil else {
        orphanAt.append(i)
        continue
      }
      if let c = claims.first(v2) {
        if claims[c].key != keys[i].keyComments || claims[c].value != keys[i].valueComments {
          orphanAt.append(i)
        }
        continue
      }
      claims.add(v2, key: keys[i].keyComments, value: keys[i].valueComments, at: i)
      placements.append(
        CommentPlacement(
          path: v2, keyComments: keys[i].keyComments, valueComments: keys[i].valueComments))
    }
    // A bare key loses its place only to a commented key claiming the same v2 key: in
    // document order when the claim comes first, after all the others otherwise.
    var late: [Int] = []
    if !claims.isEmpty {
      for i in keys.indices where !keys[i].hasComments {
        guard let v2 = keys[i].v2, let c = claims.first(v2) else { continue }
        if claims[c].at < i { orphanAt.append(i) } else { late.append(i) }
      }
      orphanAt.sort()
    }
    orphans = orphanAt.map { SGLangV1Residue.Comment($0, in: keys) }
    for i in late {
      let path = SGLangV1PathTable.path(of: i, in: keys)
      if !orphans.contains(where: { $0.path == path }) {
        orphans.append(SGLangV1Residue.Comment(i, in: keys))
      }
    }
    if !orphans.isEmpty {
      residue.comments = orphans
      Self.setResidue(residue, trailing: doc.trailingComments, in: &recipe)
    }
    // `encoded` is still the recipe's tree unless orphaned comments changed the residue.
    return Conversion(
      value: recipe, diagnostics: notes, comments: placements,
      encoded: orphans.isEmpty ? encoded : nil)
  }

  static func importBody(_ v1: RecipeV1, file: String) -> (RecipeV2, SGLangV1Hints) {
    var imp = SGLangV1Import(v1, file: file)
    var recipe = imp.run()
    recipe.provenance = RecipeV2.Provenance(
      sourceFormat: v1.layout == .seed ? "sglang-v1" : "srt-slurm",
      roundtrip: RecipeV2.Roundtrip(flagSpellings: imp.spellings))
    return (recipe, imp.hints)
  }

  /// The encoded recipe without provenance and variants (what variants are diffed against).
  static func comparable(_ r: RecipeV2) -> YAMLNode {
    var n = r.encode()
    n.remove("provenance")
    n.remove("variants")
    return n
  }

  /// The v2 override of one v1 `override_<name>`: the merged v1 recipe imported and diffed
  /// against the base; nil when the merged recipe does not decode or the override does not
  /// decode as a v2 variant.
  static func v2Override(base: YAMLNode, override: YAMLNode, baseV2: YAMLNode, file: String)
    -> YAMLNode?
  {
    let merged = RecipeV2.deepMerge(base, override)
    let (v1, diags) = RecipeV1.decode(YAMLDocument(root: merged), file: file)
    guard let v1, !diags.hasErrors else { return nil }
    let (r, _) = importBody(v1, file: file)
    let diff = deepDiff(baseV2, comparable(r)) ?? .mapping([])
    var check = baseV2
    check.set("schema", .string("v2"))
    let applied = RecipeV2.deepMerge(check, diff)
    let (ok, d2) = RecipeV2.decode(YAMLDocument(root: applied), file: file)
    guard ok != nil, !d2.hasErrors, RecipeV2.deepMerge(baseV2, diff) == comparable(r) else {
      return nil
    }
    return diff
  }

  /// The override that turns `base` into `target` under deep-merge rules (mappings merge, other
  /// values replace, `null` deletes); nil when they are equal.
  public static func deepDiff(_ base: YAMLNode, _ target: YAMLNode) -> YAMLNode? {
    if let bp = base.mapping, let tp = target.mapping {
      var out: [YAMLPair] = []
      for t in tp {
        guard let k = t.key.scalar else { continue }
        if let b = base[k] {
          if let d = deepDiff(b, t.value) { out.append(YAMLPair(k, d)) }
        } else {
          out.append(YAMLPair(k, t.value))
        }
      }
      for b in bp where b.key.scalar.map({ target[$0] == nil }) ?? false {
        out.append(YAMLPair(b.key.scalar!, .null))
      }
      return out.isEmpty ? nil : .mapping(out)
    }
    return base == target && base.tag == target.tag ? nil : target
  }

  static func setResidue(_ residue: SGLangV1Residue, trailing: [String], in recipe: inout RecipeV2)
  {
    guard var rt = recipe.provenance?.roundtrip else { return }
    var pairs = (rt.extra?.mapping ?? []).filter {
      !["set", "delete", "order", "comments", "trailing_comments"].contains($0.key.scalar ?? "")
    }
    pairs += residue.pairs
    if !trailing.isEmpty {
      pairs.append(YAMLPair("trailing_comments", .sequence(trailing.map { .string($0) })))
    }
    rt.extra = pairs.isEmpty ? nil : .mapping(pairs)
    recipe.provenance?.roundtrip = rt
  }

  static func addResidueEntries(_ residue: SGLangV1Residue, to table: inout SGLangV1PathTable) {
    let sets: KeyPath = "provenance.roundtrip.extra.set"
    for (i, s) in residue.sets.enumerated() {
      table.add(s.path, sets.appending(index: i) / "value", recursive: true)
    }
  }

  // MARK: - v2 → v1

  /// Writes a v2 recipe as a v1 recipe.
  public func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    fromV2(recipe, source: nil)
  }

  /// v2 → v1, moving the comments of the v2 source document (if given) onto the v1 keys.
  public func fromV2(_ recipe: RecipeV2, source: YAMLDocument?) -> Conversion<[YAMLDocument]> {
    var export = Self.exportDocument(recipe, variantsFromV2: true)
    let extra = Self.ownExtra(recipe)
    let residue = SGLangV1Residue(extra: extra)
    let document = residue.apply(to: export.document)
    Self.addResidueEntries(residue, to: &export.table)
    var placements: [CommentPlacement] = []
    if let source {
      var byPath: [KeyPath: CommentPlacement] = [:]
      for p in CommentTransplant.collect(source.root) { byPath[p.path] = p }
      let keys = export.table.keys(of: document)
      for (i, k) in keys.enumerated() {
        guard let v2 = k.v2, let c = byPath[v2] else { continue }
        placements.append(
          CommentPlacement(
            path: SGLangV1PathTable.path(of: i, in: keys), keyComments: c.keyComments,
            valueComments: c.valueComments))
      }
    }
    let replaced = Set(residue.comments.map(\.path))
    placements.removeAll { replaced.contains($0.path) }
    for c in residue.comments where !c.key.isEmpty || !c.value.isEmpty {
      placements.append(CommentPlacement(path: c.path, keyComments: c.key, valueComments: c.value))
    }
    let trailing =
      extra?["trailing_comments"]?.sequence?.compactMap(\.scalar) ?? source?.trailingComments ?? []
    return Conversion(
      value: [YAMLDocument(root: document, trailingComments: trailing)], losses: export.losses,
      comments: placements)
  }

  /// `provenance.roundtrip.extra` when this converter wrote it.
  static func ownExtra(_ recipe: RecipeV2) -> YAMLNode? {
    guard let p = recipe.provenance, ["sglang-v1", "srt-slurm"].contains(p.sourceFormat) else {
      return nil
    }
    return p.roundtrip?.extra
  }

  struct ExportedDocument {
    var document: YAMLNode
    var table: SGLangV1PathTable
    var losses: [LossEntry]
  }

  /// The v1 document of a recipe without the residue: the body (under `base` when there are
  /// variants), kept overrides, and new v2 variants as `override_<name>`.
  static func exportDocument(_ recipe: RecipeV2, variantsFromV2: Bool) -> ExportedDocument {
    let own = ownExtra(recipe)
    let p = recipe.provenance
    let isOwn = p.map { ["sglang-v1", "srt-slurm"].contains($0.sourceFormat) } ?? false
    let layout: V1Layout = isOwn && p?.roundtrip?.layout == "proposal" ? .seed : .srtSlurm
    let hints = SGLangV1Hints(own?["hints"])
    let keyOrder = isOwn ? p?.roundtrip?.keyOrder ?? [] : []
    let overrides = own?["overrides"]?.mapping ?? []
    var base = recipe
    base.variants = []
    let usesBase = !overrides.isEmpty || (variantsFromV2 && !recipe.variants.isEmpty)
    var export = SGLangV1Export(base, layout: layout, hints: hints)
    if !usesBase {
      let body = export.body(at: .root, keyOrder: keyOrder)
      return ExportedDocument(document: body, table: export.table, losses: export.losses)
    }
    let body = export.body(at: "base", keyOrder: [])
    var pairs: [YAMLPair] = [YAMLPair("base", body)]
    var table = export.table
    table.add("base", "provenance.roundtrip.extra.overrides")
    var losses = export.losses
    let baseV2 = comparable(base)
    var covered = Set<String>()
    for o in overrides {
      guard let key = o.key.scalar else { continue }
      pairs.append(o)
      table.add(KeyPath.root / key, "provenance.roundtrip.extra.overrides" / key, recursive: true)
      if key.hasPrefix("override_") { covered.insert(String(key.dropFirst(9))) }
      if key.hasPrefix("zip_override_") { covered.insert(String(key.dropFirst(13))) }
    }
    if variantsFromV2 {
      for v in recipe.variants {
        // A kept override stays when the v2 variant is still the one it gave.
        if covered.contains(v.name) {
          if let kept = overrides.first(where: { $0.key.scalar == "override_" + v.name })?.value,
            v2Override(base: body, override: kept, baseV2: baseV2, file: "") != v.override
          {
            let i = pairs.firstIndex { $0.key.scalar == "override_" + v.name }!
            if let node = v1Override(
              recipe, variant: v.name, base: body, layout: layout, hints: hints, losses: &losses)
            {
              pairs[i].value = node
            }
          }
          continue
        }
        if let node = v1Override(
          recipe, variant: v.name, base: body, layout: layout, hints: hints, losses: &losses)
        {
          pairs.append(YAMLPair("override_" + v.name, node))
        }
      }
    }
    return ExportedDocument(
      document: .mapping(SGLangV1Residue.ordered(pairs, keyOrder)), table: table, losses: losses)
  }

  /// A v2 variant as a v1 `override_<name>`: the variant applied, exported, and diffed against
  /// the exported base.
  static func v1Override(
    _ recipe: RecipeV2, variant: String, base: YAMLNode, layout: V1Layout, hints: SGLangV1Hints,
    losses: inout [LossEntry]
  ) -> YAMLNode? {
    guard let applied = try? recipe.applying(variant: variant) else {
      losses.append(
        LossEntry(
          path: "variants" / variant, value: variant, reason: "the variant does not apply cleanly"))
      return nil
    }
    var e = SGLangV1Export(applied, layout: layout, hints: hints)
    let body = e.body(at: .root, keyOrder: [])
    return deepDiff(base, body) ?? .mapping([])
  }
}

/// An exporter that can move the comments of the v2 source document onto its output keys.
public protocol CommentAwareExporter: FormatConverter {
  /// Like `fromV2(_:)`, with `Conversion.comments` holding the source's comments by output path.
  func fromV2(_ recipe: RecipeV2, source: YAMLDocument?) -> Conversion<[YAMLDocument]>
}
