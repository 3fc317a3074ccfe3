import Engines
import Schema

/// Flags the checked engine version does not accept: `unknown-flag` (with did-you-mean from
/// the catalog), `renamed-flag` (the new spelling and since when), `removed-flag` (gone since
/// a version, no replacement) and `deprecated-flag` (still accepted, marked deprecated).
public struct FlagCatalogRule: LintRule {
  /// The rule.
  public init() {}
  /// The diagnostic codes this rule reports.
  public var codes: [String] {
    ["unknown-flag", "renamed-flag", "removed-flag", "deprecated-flag"]
  }

  /// Reports this rule's findings about the recipe in `context`.
  public func check(_ context: LintContext) {
    guard let catalog = context.catalog, let version = context.version else { return }
    let engine = context.engine
    let launcherOwned = Set(LauncherFlags.owned(by: engine).map(NamedFieldFlags.normalize))
    for site in context.argSites {
      switch site.arg.value {
      case .null, .bool(false): continue
      default: break
      }
      let flag = site.arg.flag
      if launcherOwned.contains(NamedFieldFlags.normalize(flag)) { continue }
      let spelling = flag.hasPrefix("-") ? flag : "--" + flag
      let pinned = "\(engine) \(version.normalized)"
      if let hit = catalog.resolve(spelling) {
        if engine == .sglang, hit.match == .normalized, flag.contains("_") {
          context.report(
            .error, code: "unknown-flag",
            "SGLang does not accept '\(spelling)' (snake_case) for \(pinned)", at: site.path,
            hint: "write '\(String(hit.flag.name.drop { $0 == "-" }))'")
        } else if hit.flag.deprecated {
          let rename = Self.rename(
            for: hit.flag.name, engine: engine, store: context.store, upTo: nil)
          context.report(
            .warning, code: "deprecated-flag",
            "'\(hit.flag.name)' is deprecated in \(engine) \(catalog.version.normalized)",
            at: site.path,
            hint: rename.map { Self.replacementHint($0) }
              ?? "remove it before it disappears; check the engine's release notes")
        }
        continue
      }
      if let rename = Self.rename(
        for: spelling, engine: engine, store: context.store, upTo: version)
      {
        if let new = rename.new {
          context.report(
            .error, code: "renamed-flag",
            "'\(spelling)' was replaced by '\(new)' in \(engine) \(rename.since.normalized) (checked against \(pinned))",
            at: site.path, hint: Self.replacementHint(rename))
        } else {
          context.report(
            .error, code: "removed-flag",
            "'\(spelling)' was removed in \(engine) \(rename.since.normalized) (checked against \(pinned))",
            at: site.path, hint: "remove it: \(rename.note)")
        }
        continue
      }
      if Self.reportPluginFlag(spelling, at: site.path, pinned: pinned, context: context) {
        continue
      }
      let all = context.store.catalogs(engine: engine)
      if let older = all.last(where: { $0.version < catalog.version && $0.resolve(spelling) != nil }
      ) {
        let gone =
          all.first { $0.version > older.version }?.version.normalized ?? catalog.version.normalized
        // Approximate catalogs (llama.cpp) are named by a bound, so "removed in" is a bound too.
        let approximate = context.catalogMatch?.kind == .approximate
        context.report(
          approximate ? .warning : .error, code: "removed-flag",
          "'\(spelling)' is not a flag of \(pinned); \(engine) removed it \(approximate ? "by the tree of the \(gone) catalog (approximate: the catalog is named by a lower bound of its build)" : "in \(gone)") (last seen in the \(older.version.normalized) catalog)",
          at: site.path,
          hint:
            "remove it (gone by \(gone), no recorded replacement), or pin \(engine) \(older.version.normalized)"
        )
        continue
      }
      if let newer = all.first(where: {
        $0.version > catalog.version && $0.resolve(spelling) != nil
      }) {
        if context.catalogMatch?.isStandIn == true {
          context.report(
            .warning, code: "unknown-flag",
            "'\(spelling)' is not in the \(catalog.version.normalized) catalog used for \(pinned); \(engine) added it in \(newer.version.normalized)",
            at: site.path,
            hint:
              "\(version.normalized) has no catalog of its own: check that it accepts the flag, or pin \(newer.version.normalized)"
          )
        } else {
          context.report(
            .error, code: "unknown-flag",
            "'\(spelling)' is not a flag of \(pinned); it first appears in \(engine) \(newer.version.normalized)",
            at: site.path,
            hint: "raise engine.version to \(newer.version.normalized) or later, or remove it")
        }
        continue
      }
      let near = catalog.suggestion(for: spelling)
      if context.catalogMatch?.isStandIn == true {
        // Without a catalog of this exact version the flag may exist in a release in between.
        context.report(
          .warning, code: "unknown-flag",
          "'\(spelling)' is in no catalog (the \(catalog.version.normalized) catalog stands in for \(pinned)); it may exist only in releases in between",
          at: site.path,
          hint: (near.map { "did you mean '\(String($0.drop { $0 == "-" }))'? " } ?? "")
            + "check that \(engine) \(version.normalized) accepts it")
        continue
      }
      context.report(
        .error, code: "unknown-flag", "'\(spelling)' is not a flag of \(pinned)", at: site.path,
        hint: near.map { "did you mean '\(String($0.drop { $0 == "-" }))'?" }
          ?? "remove it; 'registry engines \(engine) \(catalog.version.normalized)' lists the flags"
      )
    }
  }

  /// Reports a flag the engine does not know that a plugin of it adds (``EnginePlugin``): the
  /// plugin missing from `engine.plugins`, or listed at a release before the flag appeared.
  /// - Returns: whether it reported.
  static func reportPluginFlag(
    _ spelling: String, at path: KeyPath, pinned: String, context: LintContext
  ) -> Bool {
    for plugin in EnginePlugin.allCases where plugin.engine == context.engine {
      guard let first = context.store.catalogs(plugin: plugin).first(where: {
        $0.resolve(spelling) != nil
      }) else { continue }
      if let listed = context.recipe.engine.plugin(plugin) {
        context.report(
          .error, code: "unknown-flag",
          "'\(spelling)' is not a flag of \(plugin) \(listed.version ?? "?") (with \(pinned)); it first appears in \(plugin) \(first.version.normalized)",
          at: path,
          hint: "raise the \(plugin) version to \(first.version.normalized) or later, or remove it")
      } else {
        context.report(
          .error, code: "unknown-flag",
          "'\(spelling)' is a flag of the \(plugin) plugin, not of \(pinned)", at: path,
          hint:
            "list the plugin: engine.plugins: [{name: \(plugin), version: \"\(first.version.normalized)\"}] or later"
        )
      }
      return true
    }
    return false
  }

  /// The newest rename of `spelling` with `since <= upTo` (any `since` when nil).
  static func rename(
    for spelling: String, engine: Engine, store: FlagCatalogStore, upTo: EngineVersion?
  )
    -> FlagRename?
  {
    let key = NamedFieldFlags.normalize(spelling)
    return store.renameTable.last { r in
      r.engine == engine && NamedFieldFlags.normalize(r.old) == key
        && (upTo.map { r.since <= $0 } ?? true)
    }
  }

  /// "write 'new: value'" for a rename.
  static func replacementHint(_ r: FlagRename) -> String {
    guard let new = r.new else { return "remove it: \(r.note)" }
    let key = String(new.drop { $0 == "-" })
    switch r.value {
    case .carry: return "write '\(key): <the same value>' (\(r.note))"
    case .none: return "write '\(key): true' (\(r.note))"
    case .fixed(let v): return "write '\(key): \(v)' (\(r.note))"
    case .manual: return "replace it with '\(new)'; the value needs a decision: \(r.note)"
    }
  }
}
