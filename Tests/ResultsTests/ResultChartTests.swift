import Results
import Testing

/// The SVG of `registry plot`: one line per series, labels escaped, points in concurrency order.
@Suite struct ResultChartTests {
  static func record(c: Int, ttft: Double, perGPU: Double) -> ResultRecord {
    var figures = ResultRecord.Figures(
      outputTokensPerS: perGPU * 2, ttft: LatencyStats(meanMs: ttft, p99Ms: ttft * 2))
    figures.dividePerGPU(by: 2)
    return ResultRecord(
      recipe: .init(name: "r", blob: "", commit: ""), engine: .init(),
      hardware: .init(gpus: 2), workload: .init(concurrency: c), figures: figures,
      run: .init(tool: "vllm"), source: .init(file: "f", format: "vllm"))
  }

  @Test func seriesFollowConcurrencyAndSkipMissingFigures() {
    var noTTFT = Self.record(c: 2, ttft: 1, perGPU: 1)
    noTTFT.figures.ttft = LatencyStats()
    let records = [
      Self.record(c: 8, ttft: 300, perGPU: 90), Self.record(c: 1, ttft: 100, perGPU: 20), noTTFT,
    ]
    let series = ChartSeries.Axes().series([("r", records)])
    #expect(series[0].points.map(\.concurrency) == [1, 8])
    #expect(series[0].points.map(\.y) == [20, 90])
    let p99 = ChartSeries.Axes(statistic: .p99, perGPU: false).series([("r", records)])
    #expect(p99[0].points.map(\.x) == [200, 600])
    #expect(p99[0].points.map(\.y) == [40, 180])
  }

  @Test func svgEscapesLabelsAndDrawsEachPoint() {
    let records = [
      Self.record(c: 1, ttft: 100, perGPU: 20), Self.record(c: 4, ttft: 250, perGPU: 75),
    ]
    let series = ChartSeries.Axes().series([("<b>&\"x\"", records)])
    let svg = ResultChart.svg(series, axes: ChartSeries.Axes(), title: "t<")
    #expect(!svg.contains("<b>"))
    #expect(svg.contains("&lt;b&gt;&amp;&quot;x&quot;"))
    #expect(svg.contains("<title>t&lt;</title>"))
    #expect(svg.components(separatedBy: "<circle ").count - 1 == 2)
    #expect(svg.contains("data-concurrency=\"4\" data-x=\"250\" data-y=\"75\""))
    #expect(svg.components(separatedBy: "<polyline ").count - 1 == 1)
    // Axes end on a round value above the largest figure: x to 300, y to 80.
    #expect(svg.contains("data-x1=\"300\""))
    #expect(svg.contains("data-y1=\"80\""))
  }

  @Test func anEmptyChartSaysSo() {
    let svg = ResultChart.svg(
      [ChartSeries(label: "r", points: [])], axes: ChartSeries.Axes(), title: "t")
    #expect(svg.contains("no result has both figures"))
  }
}
