/// An aligned text table that fits a width: the widest columns are shortened with "…".
struct Table {
  var headers: [String]
  var rows: [[String]]

  func render(width: Int, color: Bool) -> String {
    let n = headers.count
    var widths = (0..<n).map { c in max(headers[c].count, rows.map { $0[c].count }.max() ?? 0) }
    let gap = 2
    while widths.reduce(0, +) + gap * (n - 1) > width {
      guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 8 else { break }
      widths[widest] -= 1
    }
    func cell(_ s: String, _ w: Int) -> String {
      if s.count > w { return String(s.prefix(max(w - 1, 0))) + "…" }
      return s + String(repeating: " ", count: w - s.count)
    }
    func line(_ cells: [String]) -> String {
      var out = ""
      for (c, s) in cells.enumerated() {
        out += c == n - 1 ? (s.count > widths[c] ? cell(s, widths[c]) : s) : cell(s, widths[c]) + "  "
      }
      return out
    }
    var lines = [Terminal.paint(line(headers), "1", enabled: color)]
    lines += rows.map(line)
    return lines.joined(separator: "\n")
  }
}
