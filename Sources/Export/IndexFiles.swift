import Registry

/// `catalog.json` (`spec/index/catalog.schema.json`).
struct CatalogFile: Encodable {
  var commit: String
  var count: Int
  /// `documents[i]` is the detail file of `recipes[i]`.
  var documents: [String]
  var indexSchema: Int
  var recipes: [CatalogEntry]
}

/// `index-meta.json` (`spec/index/index-meta.schema.json`).
struct MetaFile: Encodable {
  var commit: String
  var count: Int
  /// The commit's committer time (UTC, ISO 8601): deterministic, unlike the wall clock.
  var generatedAt: String
  var generator: String
  var history: Bool
  var historyLimit: Int?
  var indexSchema: Int
  var tree: String
}
