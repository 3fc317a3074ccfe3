extension FlagCatalogStore {
  /// The embedded catalog files (`spec/engines/`, see `embedded()`), as (relative path, text)
  /// in path order: what the converters consult through `ForeignCatalogs`, so that a cache
  /// of converted recipes can name the catalogs it was built with.
  public static var embeddedFiles: [(path: String, text: String)] {
    EmbeddedCatalogs.files.sorted { $0.key < $1.key }.map { (path: $0.key, text: $0.value) }
  }
}
