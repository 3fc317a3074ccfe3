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
    let widths = (0..<n).map { c in max(headers[c].count, rows.map { $0[c].count }.max() ?? 0) }
    let gap = 2
    var kept = Array(0..<n)
    func total() -> Int { kept.reduce(0) { $0 + widths[$1] } + gap * max(kept.count - 1, 0) }
    if let width {
      for column in dropOrder where column != 0 && total() > width {
        kept.removeAll { $0 == column }
      }
    }
    func line(_ cells: [String]) -> String {
      var out = ""
      for (k, c) in kept.enumerated() {
        let s = cells[c]
        out +=
          k == kept.count - 1 ? s : s + String(repeating: " ", count: widths[c] - s.count + gap)
      }
      return out
    }
    var lines = [Terminal.paint(line(headers), "1", enabled: color)]
    lines += rows.map(line)
    let dropped = (0..<n).filter { !kept.contains($0) }.map { headers[$0] }
    return Rendered(text: lines.joined(separator: "\n"), dropped: dropped)
  }
}
