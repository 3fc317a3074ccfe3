public import Schema

extension FlagCatalogStore {
  /// The catalogued releases of `plugin` (the flags each adds), oldest first.
  public func catalogs(plugin: EnginePlugin) -> [FlagCatalog] {
    (catalogsByPlugin[plugin] ?? []).map(\.catalog)
  }

  /// The catalogued releases of `plugin`, oldest first.
  public func versions(plugin: EnginePlugin) -> [EngineVersion] {
    (catalogsByPlugin[plugin] ?? []).map(\.version)
  }

  /// The flags `plugin` adds in `version`, or in the nearest lower catalogued release; the
  /// newest release when `version` is nil; nil when none is at or below `version`.
  public func catalog(plugin: EnginePlugin, version: EngineVersion?) -> FlagCatalog? {
    let all = catalogsByPlugin[plugin] ?? []
    guard let version else { return all.last?.catalog }
    return all.last { $0.version <= version }?.catalog
  }

  /// The catalog a recipe's flags are checked against: the engine's for `version` (exact or
  /// nearest lower, as ``catalog(engine:version:)``) with the flags of every plugin of
  /// `engine.plugins` added (each plugin's `version`, exact or nearest lower). The one lookup
  /// for lint, plans and importers.
  public func catalog(for engine: RecipeV2.Engine, version: EngineVersion) -> CatalogMatch {
    let base = catalog(engine: engine.name, version: version)
    guard !engine.plugins.isEmpty else { return base }
    let (merged, notes) = overlay(base.catalog, plugins: engine.plugins)
    return CatalogMatch(
      engine: base.engine, requested: base.requested, kind: base.kind, catalog: merged,
      note: ([base.note] + notes).joined(separator: "; "))
  }

  /// The catalog for a recipe that pins no version: the engine's newest, with its plugins'
  /// flags (their `version`, else their newest release).
  public func newestCatalog(for engine: RecipeV2.Engine) -> FlagCatalog? {
    overlay(newestCatalog(engine: engine.name), plugins: engine.plugins).catalog
  }

  /// `base` with the flags of `plugins` added, and a note per plugin saying which release's.
  private func overlay(_ base: FlagCatalog?, plugins: [RecipeV2.Plugin]) -> (
    catalog: FlagCatalog?, notes: [String]
  ) {
    var merged = base
    var notes: [String] = []
    for p in plugins {
      let version = p.version.flatMap(EngineVersion.init)
      guard let extra = catalog(plugin: p.name, version: version) else {
        notes.append(
          "no \(p.name) flag catalog at or below \(p.version ?? "?"): its flags are not known")
        continue
      }
      merged = merged?.adding(extra)
      notes.append("with the flags of \(p.name) \(extra.version.normalized)")
    }
    return (merged, notes)
  }
}

extension FlagCatalog {
  /// This catalog with the flags of `overlay` (a plugin's) that it does not spell already.
  public func adding(_ overlay: FlagCatalog) -> FlagCatalog {
    let extra = overlay.flags.filter { !$0.spellings.contains(where: hasSpelling) }
    let sources = [source, overlay.source].compactMap { $0 }
    return FlagCatalog(
      engine: engine, version: version,
      source: sources.isEmpty ? nil : sources.joined(separator: " + "), flags: flags + extra)
  }
}

extension FlagCatalogStore {
  /// The engine release a plugin release goes with: for a plugin aligned with its engine's
  /// minor versions (``EnginePlugin/alignsWithEngineMinor``) the newest catalogued final
  /// engine release of the same major.minor, else the newest catalogued final one; nil when
  /// there is none.
  public func engineRelease(for plugin: EnginePlugin, version: EngineVersion) -> EngineVersion? {
    let finals = versions(engine: plugin.engine).filter { !$0.isPreRelease }
    guard plugin.alignsWithEngineMinor else { return finals.last }
    return finals.last { $0.release.prefix(2) == version.release.prefix(2) }
  }

  /// The plugin release to pin for a recipe whose source names only a floor (`floor`, the
  /// oldest engine version it works with, which an aligned plugin's releases follow): the
  /// newest catalogued final plugin release at or above the floor whose flags, with its engine
  /// release's (``engineRelease(for:version:)``), accept every spelling in `spellings`, else
  /// the newest at or above the floor; nil when none is.
  public func newestRelease(
    of plugin: EnginePlugin, atLeast floor: EngineVersion, accepting spellings: [String] = []
  ) -> EngineVersion? {
    let candidates = versions(plugin: plugin).filter {
      $0 >= floor && !$0.isPreRelease
    }
    guard let newest = candidates.last else { return nil }
    let fitting = candidates.last { v in
      guard let e = engineRelease(for: plugin, version: v) else { return false }
      let engine = RecipeV2.Engine(
        name: plugin.engine, plugins: [RecipeV2.Plugin(name: plugin, version: v.original)])
      guard let c = catalog(for: engine, version: e).catalog else { return false }
      return spellings.allSatisfy { c.resolve($0) != nil }
    }
    return fitting ?? newest
  }
}
