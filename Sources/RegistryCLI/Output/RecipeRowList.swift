import Registry
import Schema

/// Rows already built (remote registries' rows, rows sorted by a field or ranked by results)
/// as a ``RecipeRowSource``: their shared fields' strings are numbered once here.
struct RecipeRowList: RecipeRowSource {
  let rows: [RecipeRow]
  private var strings: [String] = []
  /// Row r's ids at r * fields.count ..< (r + 1) * fields.count; -1 for none.
  private var ids: [Int32] = []
  private static let fields = RecipeRowField.allCases

  init(_ rows: [RecipeRow]) {
    self.rows = rows
    var numbers: [String: Int32] = [:]
    ids.reserveCapacity(rows.count * Self.fields.count)
    for row in rows {
      for field in Self.fields {
        guard let text = Self.value(row.entry, field) else {
          ids.append(-1)
          continue
        }
        if let id = numbers[text] {
          ids.append(id)
        } else {
          let id = Int32(strings.count)
          numbers[text] = id
          strings.append(text)
          ids.append(id)
        }
      }
    }
  }

  private static func value(_ e: CatalogEntry, _ field: RecipeRowField) -> String? {
    switch field {
    case .model: e.model
    case .engine: e.engine
    case .engineVersion: e.engineVersion
    case .image: e.image
    case .gpuType: e.gpuType
    case .precision: e.precision
    case .format: e.format
    case .status: e.status
    case .topology: e.topology
    }
  }

  var count: Int { rows.count }
  var sharedCount: Int { strings.count }
  func sharedText(_ id: Int) -> String { strings[id] }

  func shared(_ r: Int, _ field: RecipeRowField) -> Int? {
    let id = ids[r * Self.fields.count + field.rawValue]
    return id < 0 ? nil : Int(id)
  }

  private func withUTF8<R>(_ text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    var text = text
    return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
  }

  func withName<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    withUTF8(rows[r].name, body)
  }
  func withPath<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    withUTF8(rows[r].path, body)
  }
  func withBlob<R>(_ r: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    withUTF8(rows[r].blob, body)
  }
  func gpusPerNode(_ r: Int) -> Int? { rows[r].gpusPerNode }
  func gpusPerNodeDerived(_ r: Int) -> Bool? { rows[r].gpusPerNodeDerived }
  func totalGPUs(_ r: Int) -> Int? { rows[r].totalGPUs }
  func nodes(_ r: Int) -> Int? { rows[r].nodes }
  func valid(_ r: Int) -> Bool { rows[r].valid }
  func scope(_ r: Int) -> String? { rows[r].scope }
  func errors(_ r: Int) -> [Diagnostic]? { rows[r].errors }
  func row(_ r: Int) -> RecipeRow { rows[r] }
}
