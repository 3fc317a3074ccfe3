import Schema

/// One recipe of a registry at one commit, as `registry search -o json` lists it and as the
/// static index (`catalog.json`) stores it: the same type, so the two cannot drift.
///
/// JSON keys are the property names, encoded with sorted keys; absent values are left out.
public struct CatalogEntry: Codable, Sendable, Hashable {
  public var name: String
  public var model: String?
  public var engine: String?
  /// The engine version as the recipe spells it (version field or image tag).
  public var engineVersion: String?
  public var image: String?
  public var gpuType: String?
  public var gpusPerNode: Int?
  /// True when `gpusPerNode` (and so `totalGPUs`) is the usual figure of the GPU type, not
  /// the recipe's own; absent otherwise.
  public var gpusPerNodeDerived: Bool?
  public var totalGPUs: Int?
  public var nodes: Int?
  public var precision: String?
  /// `aggregated` or `disaggregated`.
  public var topology: String?
  /// The recipe's format id (`v2`, `sglang-v1`, `spark`...).
  public var format: String
  public var status: String?
  /// The file's path in the registry tree.
  public var path: String
  /// The git blob id of the file (content address: equal ids, equal bytes).
  public var blob: String
  /// Whether the file decoded without errors.
  public var valid: Bool

  /// Record `i` of an index snapshot.
  public init(_ s: IndexSnapshot, _ i: Int) {
    let m = s.summary(i)
    name = m.name
    model = m.model
    engine = m.engine
    engineVersion = m.engineVersion
    image = m.image
    gpuType = m.gpuType
    gpusPerNode = m.gpusPerNode
    gpusPerNodeDerived = m.gpusPerNodeDerived ? true : nil
    totalGPUs = m.totalGPUs
    nodes = m.nodes
    precision = m.precision
    topology = m.topology?.rawValue
    format = m.format
    status = m.status
    path = s.path(i)
    blob = s.blobID(i).hex
    valid = !s.isInvalid(i)
  }
}
