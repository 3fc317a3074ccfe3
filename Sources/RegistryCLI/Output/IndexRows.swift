import Registry
import Schema

/// Records of an index snapshot as rows, read in place: shared values are the snapshot's
/// shared strings (then the two topologies and `unknown`, the format of a record without
/// one), names and paths its bytes.
struct IndexRows: RecipeRowSource {
  let snapshot: IndexSnapshot
  /// The records, in the order printed.
  let records: [Int]
  /// Whether invalid records carry their errors (`--invalid`).
  let withErrors: Bool
  private let strings: [String]
  private let agg: Int
  private static let extra = [
    Topology.aggregated.rawValue, Topology.disaggregated.rawValue, "unknown",
  ]

  init(_ snapshot: IndexSnapshot, _ records: [Int], withErrors: Bool = false) {
    self.snapshot = snapshot
    self.records = records
    self.withErrors = withErrors
    strings = snapshot.sharedStrings
    agg = strings.count
  }

  var count: Int { records.count }
  var sharedCount: Int { agg + Self.extra.count }

  func sharedText(_ id: Int) -> String { id < agg ? strings[id] : Self.extra[id - agg] }

  @inline(__always) func shared(_ r: Int, _ field: RecipeRowField) -> Int? {
    let i = records[r]
    switch field {
    case .model: return snapshot.sharedID(i, .model)
    case .engine: return snapshot.sharedID(i, .engine)
    case .engineVersion: return snapshot.sharedID(i, .engineVersion)
    case .image: return snapshot.sharedID(i, .image)
    case .gpuType: return snapshot.sharedID(i, .gpuType)
    case .precision: return snapshot.sharedID(i, .precision)
    case .format: return snapshot.sharedID(i, .format) ?? agg + 2
    case .status: return snapshot.sharedID(i, .status)
    case .topology:
      switch snapshot.topology(i) {
      case .aggregated: return agg
      case .disaggregated: return agg + 1
      case nil: return nil
      }
    }
  }

  func withName<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    snapshot.withNameBytes(records[r], body)
  }

  func withPath<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    snapshot.withPathBytes(records[r], body)
  }

  func withBlob<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { hex in
      snapshot.blobID(records[r]).writeHex(to: hex.baseAddress!)
      return body(UnsafeRawBufferPointer(hex))
    }
  }

  func gpusPerNode(_ r: Int) -> Int? { snapshot.gpusPerNode(records[r]) }
  func gpusPerNodeDerived(_ r: Int) -> Bool? {
    snapshot.gpusPerNodeDerived(records[r]) ? true : nil
  }
  func totalGPUs(_ r: Int) -> Int? { snapshot.totalGPUs(records[r]) }
  func nodes(_ r: Int) -> Int? { snapshot.nodes(records[r]) }
  func valid(_ r: Int) -> Bool { !snapshot.isInvalid(records[r]) }
  func scope(_ r: Int) -> String? { nil }

  func errors(_ r: Int) -> [Diagnostic]? {
    withErrors && !valid(r) ? snapshot.diagnostics(records[r]) : nil
  }

  func row(_ r: Int) -> RecipeRow { RecipeRow(snapshot, records[r], withErrors: withErrors) }
}
