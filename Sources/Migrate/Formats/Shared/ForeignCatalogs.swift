package import Engines
package import Schema

/// The engine flag catalogs the foreign-format converters consult (the embedded copies, so
/// that conversion does not depend on the working directory).
package enum ForeignCatalogs {
  /// The embedded catalog store, nil only if the generated file were malformed.
  package static let store: FlagCatalogStore? = try? FlagCatalogStore.embedded()

  /// The catalog for `engine` at `version` (exact or nearest lower), else the newest one.
  package static func catalog(engine: EngineName, version: String?) -> FlagCatalog? {
    guard let store else { return nil }
    if let version, let v = EngineVersion(version),
      let c = store.catalog(engine: engine, version: v).catalog
    {
      return c
    }
    return store.newestCatalog(engine: engine)
  }

  /// The engine version a container reference names (`scitrera/dgx-spark-sglang:0.5.8-t5` →
  /// `0.5.8`), nil for local names (`vllm-node`) and moving tags (`latest`).
  package static func version(ofImage image: String?) -> String? {
    guard let image else { return nil }
    guard let v = ContainerImage(image).version?.original else { return nil }
    return v.first == "v" || v.first == "V" ? String(v.dropFirst()) : v
  }
}
