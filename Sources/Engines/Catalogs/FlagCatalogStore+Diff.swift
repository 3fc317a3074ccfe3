extension FlagCatalogStore {
  /// The flag changes of `engine` from version `from` to `to`, each picked as by
  /// ``catalog(engine:version:)`` (exact or nearest lower); nil when either has no catalog.
  public func diff(engine: Engine, from: EngineVersion, to: EngineVersion) -> CatalogDiff? {
    guard let old = catalog(engine: engine, version: from).catalog,
      let new = catalog(engine: engine, version: to).catalog
    else { return nil }
    return CatalogDiff(
      engine: engine, from: old, to: new,
      renames: renames(engine: engine, from: old.version, to: new.version))
  }
}
