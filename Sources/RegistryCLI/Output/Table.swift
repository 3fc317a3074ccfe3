/// An aligned text table whose cells are never cut.
///
/// Given no width (stdout is not a terminal) every column prints in full. Given a width (a
/// terminal), whole columns are dropped in `dropOrder` until the rest fits; the first column
/// (the name) is never dropped, so a line longer than the width is left for the terminal to
/// wrap.
struct Table {
  var headers: [String]
  var rows: [[String]]
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
    let n = headers.count
    // Widths in characters, counted once per cell (ASCII cells by their byte count).
    let headerWidths = headers.map(Self.width)
    let cellWidths = rows.map { $0.map(Self.width) }
    let widths = (0..<n).map { c in
      cellWidths.reduce(headerWidths[c]) { max($0, $1[c]) }
    }
    let gap = 2
    var kept = Array(0..<n)
    func total() -> Int { kept.reduce(0) { $0 + widths[$1] } + gap * max(kept.count - 1, 0) }
    if let width {
      for column in dropOrder where column != 0 && total() > width {
        kept.removeAll { $0 == column }
      }
    }
    var bytes: [UInt8] = []
    func line(_ cells: [String], _ cellWidth: [Int]) {
      for (k, c) in kept.enumerated() {
        bytes.append(contentsOf: cells[c].utf8)
        if k < kept.count - 1 {
          bytes.append(
            contentsOf: repeatElement(UInt8(ascii: " "), count: widths[c] - cellWidth[c] + gap))
        }
      }
    }
    line(headers, headerWidths)
    let header = String(decoding: bytes, as: UTF8.self)
    bytes.removeAll(keepingCapacity: true)
    bytes.reserveCapacity(rows.count * (total() + 1))
    for (r, cells) in rows.enumerated() {
      bytes.append(UInt8(ascii: "\n"))
      line(cells, cellWidths[r])
    }
    let dropped = (0..<n).filter { !kept.contains($0) }.map { headers[$0] }
    return Rendered(
      text: Terminal.paint(header, "1", enabled: color) + String(decoding: bytes, as: UTF8.self),
      dropped: dropped)
  }

  /// The width of a cell: its characters, which for ASCII text without CR (CR LF is one
  /// character) are its bytes.
  private static func width(_ s: String) -> Int {
    s.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? s.utf8.count : s.count
  }
}
