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
  /// Each record's fields, found (and checked) once.
  private let fields: [IndexSnapshot.RecordFields]
  private let strings: [String]
  private let agg: Int
  private static let extra = [
    Topology.aggregated.rawValue, Topology.disaggregated.rawValue, "unknown",
  ]

  init(_ snapshot: IndexSnapshot, _ records: [Int], withErrors: Bool = false) {
    self.snapshot = snapshot
    self.records = records
    self.withErrors = withErrors
    fields = records.map(snapshot.fields)
    strings = snapshot.sharedStrings
    agg = strings.count
  }

  var count: Int { records.count }
  var sharedCount: Int { agg + Self.extra.count }

  func sharedText(_ id: Int) -> String { id < agg ? strings[id] : Self.extra[id - agg] }

  @inline(__always) func shared(_ r: Int, _ field: RecipeRowField) -> Int? {
    let f = fields[r]
    switch field {
    case .model: return f.sharedID(.model)
    case .engine: return f.sharedID(.engine)
    case .engineVersion: return f.sharedID(.engineVersion)
    case .image: return f.sharedID(.image)
    case .gpuType: return f.sharedID(.gpuType)
    case .precision: return f.sharedID(.precision)
    case .format: return f.sharedID(.format) ?? agg + 2
    case .status: return f.sharedID(.status)
    case .topology:
      switch f.topology {
      case .aggregated: return agg
      case .disaggregated: return agg + 1
      case nil: return nil
      }
    }
  }

  func withName<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    snapshot.withNameBytes(fields[r], body)
  }

  func withPath<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    snapshot.withPathBytes(fields[r], body)
  }

  func withBlob<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { hex in
      fields[r].blobID.writeHex(to: hex.baseAddress!)
      return body(UnsafeRawBufferPointer(hex))
    }
  }

  func gpusPerNode(_ r: Int) -> Int? { fields[r].gpusPerNode }
  func gpusPerNodeDerived(_ r: Int) -> Bool? {
    fields[r].gpusPerNodeDerived ? true : nil
  }
  func totalGPUs(_ r: Int) -> Int? { fields[r].totalGPUs }
  func nodes(_ r: Int) -> Int? { fields[r].nodes }
  func valid(_ r: Int) -> Bool { !fields[r].isInvalid }
  func scope(_ r: Int) -> String? { nil }

  func errors(_ r: Int) -> [Diagnostic]? {
    withErrors && !valid(r) ? snapshot.diagnostics(records[r]) : nil
  }

  func row(_ r: Int) -> RecipeRow { RecipeRow(snapshot, records[r], withErrors: withErrors) }
}
