extension FlagCatalogStore {
  /// The release to pin for a recipe whose source names only a floor ("works from `floor` on",
  /// vllm-project/recipes' `min_vllm_version`): the newest catalogued final release at or
  /// above the floor whose catalog accepts every spelling in `spellings` (see
  /// ``FlagCatalog/resolve(_:)``), else the newest catalogued final release at or above the floor.
  ///
  /// - Parameters:
  ///   - engine: the engine.
  ///   - floor: the oldest version the source says works.
  ///   - spellings: the recipe's flags (`--moe-backend`, `-cc.mode`), as written.
  /// - Returns: nil when no final release at or above `floor` is catalogued.
  public func newestRelease(
    of engine: Engine, atLeast floor: EngineVersion, accepting spellings: [String] = []
  ) -> EngineVersion? {
    let candidates = (catalogsByEngine[engine] ?? []).filter {
      $0.version >= floor && !$0.version.isPreRelease
    }
    guard let newest = candidates.last else { return nil }
    let fitting = candidates.last { c in spellings.allSatisfy { c.catalog.resolve($0) != nil } }
    return (fitting ?? newest).version
  }
}
