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
    var text = ""
    let dropped = render(width: width, color: color) { text += $0 }
    return Rendered(text: text, dropped: dropped)
  }

  /// Lays the table out in `width` columns (all columns when nil), written to `out` in pieces
  /// of about 64 KiB (no final newline); returns the headers of the dropped columns.
  func render(width: Int?, color: Bool, to out: (String) -> Void) -> [String] {
    let n = headers.count
    // Widths in characters, counted once per cell (most cells from their bytes alone).
    let headerWidths = headers.map(Self.width)
    // Row r's widths at r * n ..< (r + 1) * n: one array, not one per row.
    var cellWidths: [Int] = []
    cellWidths.reserveCapacity(rows.count * n)
    var widths = headerWidths
    for cells in rows {
      for c in 0..<n {
        let w = Self.width(cells[c])
        cellWidths.append(w)
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
    var bytes: [UInt8] = []
    func line(_ cells: [String], _ cellWidth: ArraySlice<Int>) {
      for (k, c) in kept.enumerated() {
        var cell = cells[c]
        cell.withUTF8 { bytes.append(contentsOf: $0) }
        if k < kept.count - 1 {
          bytes.append(
            contentsOf: repeatElement(
              UInt8(ascii: " "), count: widths[c] - cellWidth[cellWidth.startIndex + c] + gap))
        }
      }
    }
    line(headers, headerWidths[...])
    out(Terminal.paint(String(decoding: bytes, as: UTF8.self), "1", enabled: color))
    bytes.removeAll(keepingCapacity: true)
    let piece = 1 << 16
    bytes.reserveCapacity(piece + 4096)
    for (r, cells) in rows.enumerated() {
      bytes.append(UInt8(ascii: "\n"))
      line(cells, cellWidths[r * n..<(r + 1) * n])
      // Whole rows a piece, so no character is split.
      if bytes.count >= piece {
        out(String(decoding: bytes, as: UTF8.self))
        bytes.removeAll(keepingCapacity: true)
      }
    }
    if !bytes.isEmpty { out(String(decoding: bytes, as: UTF8.self)) }
    return (0..<n).filter { !kept.contains($0) }.map { headers[$0] }
  }

  /// The width of a cell: its characters. Text of scalars below U+0300 without CR (CR LF is
  /// one character) has one character per scalar (none of them extends a cluster), counted
  /// from the UTF-8 bytes that start one; other text is counted as `String` counts it.
  private static func width(_ s: String) -> Int {
    var text = s
    let scalars = text.withUTF8 { u -> Int? in
      var n = 0
      // Bytes from 0xCC lead scalars from U+0300 on.
      for b in u {
        if b >= 0xCC || b == 0x0D { return nil }
        if b & 0xC0 != 0x80 { n += 1 }
      }
      return n
    }
    return scalars ?? s.count
  }
}
