/// Throughput vs latency as an SVG: one line per series through its points in concurrency
/// order, each point a circle labelled with its concurrency.
///
/// Every circle carries its data (`data-series`, `data-concurrency`, `data-x`, `data-y`) and
/// the plot area its mapping (`data-x0`, `data-x1`, `data-y0`, `data-y1` in data units to
/// `data-px0`... in pixels), so a reader (or a test in a browser) can check each drawn point
/// against the records. Text is XML-escaped; nothing else from a record reaches the SVG.
public enum ResultChart {
  /// The chart's size in pixels.
  public static let width = 760.0
  /// The chart's height.
  public static let height = 460.0
  static let left = 78.0
  static let right = 180.0
  static let top = 40.0
  static let bottom = 56.0
  static let colors = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
  ]

  /// The SVG text.
  public static func svg(_ series: [ChartSeries], axes: ChartSeries.Axes, title: String) -> String {
    let all = series.flatMap(\.points)
    let (x0, x1, xTicks) = Self.ticks(min: 0, max: all.map(\.x).max() ?? 1)
    let (y0, y1, yTicks) = Self.ticks(min: 0, max: all.map(\.y).max() ?? 1)
    let px0 = left
    let px1 = width - right
    let py0 = height - bottom
    let py1 = top
    func px(_ x: Double) -> Double { px0 + (x - x0) / (x1 - x0) * (px1 - px0) }
    func py(_ y: Double) -> Double { py0 + (y - y0) / (y1 - y0) * (py1 - py0) }

    var s = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
      viewBox="0 0 \(n(width)) \(n(height))" font-family="sans-serif" font-size="12">

      """
    s += "<title>\(escape(title))</title>\n"
    s += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
    s +=
      "<text x=\"\(n(px0))\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>\n"
    s += """
      <g class="plot" data-x0="\(n(x0))" data-x1="\(n(x1))" data-y0="\(n(y0))" data-y1="\(n(y1))" \
      data-px0="\(n(px0))" data-px1="\(n(px1))" data-py0="\(n(py0))" data-py1="\(n(py1))">

      """
    for t in xTicks {
      s +=
        "<line x1=\"\(n(px(t)))\" y1=\"\(n(py0))\" x2=\"\(n(px(t)))\" y2=\"\(n(py1))\" stroke=\"#eee\"/>\n"
      s += "<text x=\"\(n(px(t)))\" y=\"\(n(py0 + 16))\" text-anchor=\"middle\">\(n(t))</text>\n"
    }
    for t in yTicks {
      s +=
        "<line x1=\"\(n(px0))\" y1=\"\(n(py(t)))\" x2=\"\(n(px1))\" y2=\"\(n(py(t)))\" stroke=\"#eee\"/>\n"
      s += "<text x=\"\(n(px0 - 6))\" y=\"\(n(py(t) + 4))\" text-anchor=\"end\">\(n(t))</text>\n"
    }
    s +=
      "<rect x=\"\(n(px0))\" y=\"\(n(py1))\" width=\"\(n(px1 - px0))\" height=\"\(n(py0 - py1))\" fill=\"none\" stroke=\"#444\"/>\n"
    s +=
      "<text x=\"\(n((px0 + px1) / 2))\" y=\"\(n(height - 16))\" text-anchor=\"middle\">\(escape(axes.xTitle))</text>\n"
    s +=
      "<text transform=\"translate(18 \(n((py0 + py1) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(axes.yTitle))</text>\n"
    for (i, line) in series.enumerated() {
      let color = colors[i % colors.count]
      s +=
        "<g class=\"series\" data-series=\"\(escape(line.label))\" fill=\"\(color)\" stroke=\"\(color)\">\n"
      if line.points.count > 1 {
        let points = line.points.map { "\(n(px($0.x))),\(n(py($0.y)))" }.joined(separator: " ")
        s += "<polyline points=\"\(points)\" fill=\"none\" stroke-width=\"2\"/>\n"
      }
      for p in line.points {
        let c = p.concurrency.map(String.init) ?? ""
        s += """
          <circle cx="\(n(px(p.x)))" cy="\(n(py(p.y)))" r="4" data-series="\(escape(line.label))" \
          data-concurrency="\(c)" data-x="\(n(p.x))" data-y="\(n(p.y))"><title>\(escape(line.label)) \
          c=\(c): \(n(p.y)) at \(n(p.x)) ms</title></circle>

          """
        if !c.isEmpty {
          s +=
            "<text x=\"\(n(px(p.x) + 6))\" y=\"\(n(py(p.y) - 6))\" stroke=\"none\" font-size=\"10\">\(c)</text>\n"
        }
      }
      s += "</g>\n"
      let ly = top + 14 + Double(i) * 18
      s +=
        "<rect x=\"\(n(px1 + 14))\" y=\"\(n(ly - 9))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>\n"
      s += "<text x=\"\(n(px1 + 32))\" y=\"\(n(ly + 1))\">\(escape(line.label))</text>\n"
    }
    if all.isEmpty {
      s +=
        "<text x=\"\(n((px0 + px1) / 2))\" y=\"\(n((py0 + py1) / 2))\" text-anchor=\"middle\" fill=\"#888\">no result has both figures</text>\n"
    }
    s += "</g>\n</svg>\n"
    return s
  }

  /// A range from `min` covering `max`, ending on a round step, with its ticks (about 5).
  static func ticks(min: Double, max: Double) -> (Double, Double, [Double]) {
    let span = Swift.max(max - min, 1e-9)
    let raw = span / 5
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    while magnitude > raw { magnitude /= 10 }
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    let top = (max / step).rounded(.up) * step
    let end = top > max ? top : top + step
    var ticks: [Double] = []
    var t = min
    while t <= end + step / 1000 {
      ticks.append(t)
      t += step
    }
    return (min, end, ticks)
  }

  /// A number as SVG text: at most two decimals.
  static func n(_ v: Double) -> String { ResultTable.format(v) }

  /// XML-escaped text.
  static func escape(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(c)
      }
    }
    return out
  }
}
