import Registry
import Schema

/// A row field whose values many rows share (the ids of ``RecipeRowSource/shared(_:_:)``).
enum RecipeRowField: Int, CaseIterable {
  case model, engine, engineVersion, image, gpuType, precision, format, status, topology
}

/// The rows `search` and `list` print, read field by field where they are kept (in the index,
/// or in rows already built), so that printing a row builds no `String` for it.
///
/// The fields many rows repeat (model, engine, GPU type, precision...) are ids of shared
/// values, so a printer works out the width or the JSON of each value once, not once a row.
protocol RecipeRowSource {
  /// The number of rows.
  var count: Int { get }
  /// The number of shared values: ids run from 0 to `sharedCount - 1`.
  var sharedCount: Int { get }
  /// The shared value `id`.
  func sharedText(_ id: Int) -> String
  /// The id of row `r`'s `field`; nil when the row has none.
  func shared(_ r: Int, _ field: RecipeRowField) -> Int?
  /// Calls `body` with the UTF-8 bytes of row `r`'s name (`@scope/NAME` for a remote's).
  func withName<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R
  /// Calls `body` with the UTF-8 bytes of row `r`'s path.
  func withPath<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R
  /// Calls `body` with the UTF-8 bytes of row `r`'s blob id.
  func withBlob<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R
  /// Row `r`'s GPUs per node, if known.
  func gpusPerNode(_ r: Int) -> Int?
  /// True when row `r`'s GPUs per node come from its GPU type (`CatalogEntry`'s field).
  func gpusPerNodeDerived(_ r: Int) -> Bool?
  /// Row `r`'s GPUs in all, if known.
  func totalGPUs(_ r: Int) -> Int?
  /// Row `r`'s nodes, if known.
  func nodes(_ r: Int) -> Int?
  /// Whether row `r`'s file decoded without errors.
  func valid(_ r: Int) -> Bool
  /// The remote registry of row `r`, nil for this one.
  func scope(_ r: Int) -> String?
  /// Row `r`'s decode errors when they are to be printed (`--invalid`), else nil.
  func errors(_ r: Int) -> [Diagnostic]?
  /// Row `r`, built (for YAML, which prints few rows).
  func row(_ r: Int) -> RecipeRow
}
