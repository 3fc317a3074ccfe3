/// An aligned text table that fits a width: the widest columns are shortened with "…".
struct Table {
  var headers: [String]
  var rows: [[String]]

  func render(width: Int, color: Bool) -> String {
    let n = headers.count
    var widths = (0..<n).map { c in max(headers[c].count, rows.map { $0[c].count }.max() ?? 0) }
    let gap = 2
    // Shrink the widest column, the first (the name) last of all.
    while widths.reduce(0, +) + gap * (n - 1) > width {
      let others = widths.indices.dropFirst().filter { widths[$0] > 8 }
      if let widest = others.max(by: { widths[$0] < widths[$1] }) {
        widths[widest] -= 1
      } else if widths[0] > 12 {
        widths[0] -= 1
      } else {
        break
      }
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
