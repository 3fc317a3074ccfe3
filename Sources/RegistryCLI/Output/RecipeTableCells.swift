/// The cells of the recipe table of `search` and `list` (NAME, MODEL, ENGINE, GPU, TOPOLOGY,
/// PRECISION), read from a ``RecipeRowSource``: a shared value's bytes and width are worked
/// out once, and a cell made of several values (`sglang@v0.5.8`, `gb200 × 48`) is written
/// from its parts.
struct RecipeTableCells<Rows: RecipeRowSource>: TableCells {
  static var headers: [String] { ["NAME", "MODEL", "ENGINE", "GPU", "TOPOLOGY", "PRECISION"] }
  /// The columns left out first to fit a terminal.
  static var dropOrder: [Int] { [5, 4, 1, 2, 3] }

  let rows: Rows
  private var text: SharedBytes
  /// Each shared value's ``TextWidth/scalars(_:)``: -2 until worked out, -1 for text that only
  /// `String` counts.
  private var widths: [Int]

  init(_ rows: Rows) {
    self.rows = rows
    text = SharedBytes(count: rows.sharedCount) { _, value, bytes in
      bytes.append(contentsOf: value.utf8)
    }
    widths = Array(repeating: -2, count: rows.sharedCount)
  }

  var rowCount: Int { rows.count }

  private static var invalid: StaticString { " (invalid)" }
  private static var times: StaticString { " × " }

  /// The width of shared value `id`, nil for text only `String` counts.
  private mutating func width(_ id: Int) -> Int? {
    if widths[id] == -2 {
      widths[id] = text.with(id, value: id, of: rows) { TextWidth.scalars($0) ?? -1 }
    }
    return widths[id] < 0 ? nil : widths[id]
  }

  mutating func width(_ row: Int, _ column: Int) -> Int {
    let r = row
    switch column {
    case 0:
      let extra = rows.valid(r) ? 0 : 10
      return rows.withName(r) { TextWidth.scalars($0) }.map { $0 + extra } ?? counted(r, column)
    case 1: return sharedWidth(r, .model)
    case 2:
      guard let engine = rows.shared(r, .engine) else { return 1 }
      guard let e = width(engine) else { return counted(r, column) }
      guard let version = rows.shared(r, .engineVersion) else { return e }
      return width(version).map { e + 1 + $0 } ?? counted(r, column)
    case 3:
      var g = 1  // "?"
      if let gpu = rows.shared(r, .gpuType) {
        guard let w = width(gpu) else { return counted(r, column) }
        g = w
      }
      guard let total = rows.totalGPUs(r) else { return g }
      return g + 3 + Self.digits(total)
    case 4: return sharedWidth(r, .topology)
    default: return sharedWidth(r, .precision)
    }
  }

  /// The width of a cell holding one shared value or `-`.
  private mutating func sharedWidth(_ r: Int, _ field: RecipeRowField) -> Int {
    guard let id = rows.shared(r, field) else { return 1 }
    return width(id) ?? TextWidth.of(rows.sharedText(id))
  }

  /// The width of a cell counted as `String` counts it (text from U+0300 on).
  private mutating func counted(_ r: Int, _ column: Int) -> Int {
    var cell = OutputBuffer(to: { _ in })
    write(r, column, to: &cell)
    return cell.pending.count
  }

  private static func digits(_ n: Int) -> Int {
    var d = n < 0 ? 2 : 1
    var v = n.magnitude / 10
    while v > 0 {
      d += 1
      v /= 10
    }
    return d
  }

  mutating func write(_ row: Int, _ column: Int, to out: inout OutputBuffer) {
    let r = row
    switch column {
    case 0:
      rows.withName(r) { out.append($0) }
      if !rows.valid(r) { out.append(Self.invalid) }
    case 1: writeShared(r, .model, to: &out)
    case 2:
      guard let engine = rows.shared(r, .engine) else { return out.append("-") }
      text.append(engine, value: engine, of: rows, to: &out)
      if let version = rows.shared(r, .engineVersion) {
        out.append(byte: UInt8(ascii: "@"))
        text.append(version, value: version, of: rows, to: &out)
      }
    case 3:
      if let gpu = rows.shared(r, .gpuType) {
        text.append(gpu, value: gpu, of: rows, to: &out)
      } else {
        out.append("?")
      }
      if let total = rows.totalGPUs(r) {
        out.append(Self.times)
        out.append(decimal: total)
      }
    case 4: writeShared(r, .topology, to: &out)
    default: writeShared(r, .precision, to: &out)
    }
  }

  /// A shared value or `-`.
  private mutating func writeShared(_ r: Int, _ field: RecipeRowField, to out: inout OutputBuffer) {
    guard let id = rows.shared(r, field) else { return out.append("-") }
    text.append(id, value: id, of: rows, to: &out)
  }
}
