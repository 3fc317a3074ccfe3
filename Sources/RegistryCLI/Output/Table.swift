/// What a ``Table`` lays out: a number of rows, each with one cell per header, asked for each
/// cell's width and bytes (so cells need not be `String`s).
protocol TableCells {
  /// The number of rows.
  var rowCount: Int { get }
  /// The width in characters of the cell at `row`, `column` (``TextWidth``).
  mutating func width(_ row: Int, _ column: Int) -> Int
  /// Appends the UTF-8 bytes of the cell at `row`, `column`.
  mutating func write(_ row: Int, _ column: Int, to out: inout OutputBuffer)
}

/// Rows of strings, one a cell.
extension [[String]]: TableCells {
  var rowCount: Int { count }

  func width(_ row: Int, _ column: Int) -> Int { TextWidth.of(self[row][column]) }

  func write(_ row: Int, _ column: Int, to out: inout OutputBuffer) {
    out.append(string: self[row][column])
  }
}

/// An aligned text table whose cells are never cut.
///
/// Given no width (stdout is not a terminal) every column prints in full. Given a width (a
/// terminal), whole columns are dropped in `dropOrder` until the rest fits; the first column
/// (the name) is never dropped, so a line longer than the width is left for the terminal to
/// wrap.
struct Table<Cells: TableCells> {
  var headers: [String]
  var cells: Cells
  /// The columns that may be dropped to fit a width, the least important first (indices;
  /// column 0 is never dropped).
  var dropOrder: [Int] = []

  /// The rendered lines and which columns were dropped to fit.
  struct Rendered: Equatable {
    var text: String
    /// The headers of the dropped columns, in table order.
    var dropped: [String]
  }

  /// Lays the table out in `width` columns (all columns when nil).
  func render(width: Int?, color: Bool) -> Rendered {
    var text = ""
    let dropped = render(width: width, color: color) { text += $0 }
    return Rendered(text: text, dropped: dropped)
  }

  /// Lays the table out in `width` columns (all columns when nil), written to `out` in pieces
  /// of about 64 KiB (no final newline); returns the headers of the dropped columns.
  func render(width: Int?, color: Bool, to out: @escaping (String) -> Void) -> [String] {
    var buffer = OutputBuffer(strings: out)
    let dropped = render(width: width, color: color, to: &buffer)
    buffer.flush()
    return dropped
  }

  /// Lays the table out in `width` columns (all columns when nil), appended to `out` a line at
  /// a time (the header line handed on alone; no final newline); returns the headers of the
  /// dropped columns.
  func render(width: Int?, color: Bool, to out: inout OutputBuffer) -> [String] {
    var cells = self.cells
    let n = headers.count
    // Widths in characters, asked for once a cell; row r's at r * n ..< (r + 1) * n of one
    // flat array.
    let headerWidths = headers.map(TextWidth.of)
    var widths = headerWidths
    var cellWidths: [Int32] = []
    cellWidths.reserveCapacity(cells.rowCount * n)
    for r in 0..<cells.rowCount {
      for c in 0..<n {
        let w = cells.width(r, c)
        cellWidths.append(Int32(truncatingIfNeeded: w))
        widths[c] = max(widths[c], w)
      }
    }
    let gap = 2
    var kept = Array(0..<n)
    func total() -> Int { kept.reduce(0) { $0 + widths[$1] } + gap * max(kept.count - 1, 0) }
    if let width {
      for column in dropOrder where column != 0 && total() > width {
        kept.removeAll { $0 == column }
      }
    }
    let last = kept.count - 1
    var header = ""
    for (k, c) in kept.enumerated() {
      header += headers[c]
      if k < last { header += String(repeating: " ", count: widths[c] - headerWidths[c] + gap) }
    }
    out.append(string: Terminal.paint(header, "1", enabled: color))
    out.flush()
    for r in 0..<cells.rowCount {
      out.append(byte: UInt8(ascii: "\n"))
      for (k, c) in kept.enumerated() {
        cells.write(r, c, to: &out)
        if k < last {
          let w = Int(cellWidths[r * n + c])
          out.append(repeating: UInt8(ascii: " "), count: widths[c] - w + gap)
        }
      }
      // Whole rows a piece, so no character is split.
      out.endUnit()
    }
    return (0..<n).filter { !kept.contains($0) }.map { headers[$0] }
  }
}

extension Table: Sendable where Cells: Sendable {}

extension Table where Cells == [[String]] {
  /// A table of string cells.
  init(headers: [String], rows: [[String]], dropOrder: [Int] = []) {
    self.init(headers: headers, cells: rows, dropOrder: dropOrder)
  }
}
