import Foundation
import TestSupport
import Testing

/// `registry plot` and the site's results chart, rendered by headless Chromium: every drawn
/// point is a stored record's (TTFT mean, output tokens/s per GPU), at the position the plot's
/// own mapping gives it.
@Suite struct ResultsChartBrowserTests {
  /// A drawn circle and the plot mapping it sits in.
  struct Drawn {
    var cx, cy, x, y: Double
    var concurrency: Int?
    var series: String?
  }

  /// The attributes of every `<tag ...>` in `dom`.
  static func elements(_ tag: String, in dom: String) -> [[String: String]] {
    var out: [[String: String]] = []
    var rest = Substring(dom)
    while let start = rest.range(of: "<\(tag) ") {
      guard let end = rest[start.upperBound...].firstIndex(of: ">") else { break }
      let text = rest[start.upperBound..<end]
      var attrs: [String: String] = [:]
      var scan = text
      while let eq = scan.range(of: "=\"") {
        let key = scan[..<eq.lowerBound].split(separator: " ").last.map(String.init) ?? ""
        let after = scan[eq.upperBound...]
        guard let close = after.firstIndex(of: "\"") else { break }
        attrs[key] = String(after[..<close])
        scan = after[after.index(after: close)...]
      }
      out.append(attrs)
      rest = rest[end...]
    }
    return out
  }

  /// Checks every circle against its plot group's mapping; returns the drawn points.
  static func drawnPoints(_ dom: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    -> [Drawn]
  {
    let plot = try #require(
      elements("g", in: dom).first { $0["class"] == "plot" }, sourceLocation: sourceLocation)
    func v(_ k: String) throws -> Double {
      try #require(plot[k].flatMap(Double.init), "\(k)", sourceLocation: sourceLocation)
    }
    let (x0, x1, y0, y1) = (try v("data-x0"), try v("data-x1"), try v("data-y0"), try v("data-y1"))
    let (px0, px1, py0, py1) = (
      try v("data-px0"), try v("data-px1"), try v("data-py0"), try v("data-py1")
    )
    var out: [Drawn] = []
    for c in elements("circle", in: dom) {
      let d = Drawn(
        cx: Double(c["cx"] ?? "") ?? .nan, cy: Double(c["cy"] ?? "") ?? .nan,
        x: Double(c["data-x"] ?? "") ?? .nan, y: Double(c["data-y"] ?? "") ?? .nan,
        concurrency: c["data-concurrency"].flatMap { Int($0) }, series: c["data-series"])
      // Drawn where the data says: linear in the plot's own mapping, inside the plot area.
      #expect(
        abs(d.cx - (px0 + (d.x - x0) / (x1 - x0) * (px1 - px0))) < 0.02,
        sourceLocation: sourceLocation)
      #expect(
        abs(d.cy - (py0 + (d.y - y0) / (y1 - y0) * (py1 - py0))) < 0.02,
        sourceLocation: sourceLocation)
      #expect(
        d.cx >= px0 && d.cx <= px1 && d.cy <= py0 && d.cy >= py1, sourceLocation: sourceLocation)
      out.append(d)
    }
    return out
  }

  /// The (concurrency, TTFT mean, tokens/s per GPU) of a recipe's stored records.
  static func expected(_ recipe: String, reg: String) throws -> [(Int?, Double, Double)] {
    let r = try RegistryBinary.run(["results", recipe, "--repo", reg, "--json"])
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    let records = try #require(object?["records"] as? [[String: Any]])
    return records.compactMap { rec in
      let f = rec["figures"] as? [String: Any]
      guard let x = (f?["ttft"] as? [String: Any])?["mean_ms"] as? Double,
        let y = f?["output_tokens_per_s_per_gpu"] as? Double
      else { return nil }
      return ((rec["workload"] as? [String: Any])?["concurrency"] as? Int, x, y)
    }
  }

  static func same(_ drawn: [Drawn], _ expected: [(Int?, Double, Double)]) -> Bool {
    let a = drawn.map { "\($0.concurrency ?? -1) \(round($0.x * 100)) \(round($0.y * 100))" }
      .sorted()
    let b = expected.map { "\($0.0 ?? -1) \(round($0.1 * 100)) \(round($0.2 * 100))" }.sorted()
    return a == b
  }

  /// A registry with `demo` (sglang + llama-benchy results) and `other` (vLLM results).
  static func registryWithResults() throws -> String {
    let reg = try ResultsCLITests.registry()
    let dir = try RegistryBinary.temporaryDirectory()
    let other = dir + "/other.yaml"
    try SampleRecipes.v2("other").write(toFile: other, atomically: true, encoding: .utf8)
    _ = try RegistryBinary.run(["publish", other, "--repo", reg] + ResultsCLITests.author)
    let f = ResultsCLITests.fixtures
    for (name, file) in [
      ("demo", "sglang-bench_serving.handwritten.jsonl"), ("demo", "llama-benchy.generated.json"),
      ("other", "vllm-bench-serve.handwritten.json"),
    ] {
      let r = try RegistryBinary.run(
        ["results", "add", name, f + "/" + file, "--repo", reg] + ResultsCLITests.author)
      try #require(r.status == 0, "\(r.stderr)")
    }
    return reg
  }

  @Test(.requiresBrowser)
  func plotDrawsEveryRecordOnItsLine() throws {
    let browser = try HeadlessBrowser.path()
    let reg = try Self.registryWithResults()
    let svg = try RegistryBinary.temporaryDirectory() + "/chart.svg"
    let plot = try RegistryBinary.run(["plot", "demo", "other", "--repo", reg, "-o", svg])
    #expect(plot.status == 0, "\(plot.stderr)")
    #expect(plot.stderr.contains("2 line(s), 5 point(s)"))
    let dom = try HeadlessBrowser.dumpDOM(browser, url: "file://" + svg)
    let drawn = try Self.drawnPoints(dom)
    #expect(drawn.count == 5)
    for recipe in ["demo", "other"] {
      let expected = try Self.expected(recipe, reg: reg)
      #expect(Self.same(drawn.filter { $0.series == recipe }, expected), "\(recipe)")
    }
    // One polyline per recipe with more than one point.
    #expect(Self.elements("polyline", in: dom).count == 1)
  }

  @Test(.requiresBrowser)
  func siteDetailViewDrawsTheRecipesCurve() throws {
    let browser = try HeadlessBrowser.path()
    let reg = try Self.registryWithResults()
    let site = try RegistryBinary.temporaryDirectory() + "/site"
    let r = try RegistryBinary.run(["site", "--repo", reg, "-o", site])
    #expect(r.status == 0, "\(r.stderr)")
    for recipe in ["demo", "other"] {
      let dom = try HeadlessBrowser.dumpDOM(
        browser, url: "file://\(site)/index.html#recipe=\(recipe)")
      #expect(dom.contains("<h2>\(recipe)</h2>"))
      #expect(dom.contains("Results"))
      let drawn = try Self.drawnPoints(dom)
      let expected = try Self.expected(recipe, reg: reg)
      #expect(drawn.count == expected.count)
      #expect(Self.same(drawn, expected), "\(recipe)")
      // The table of 'registry results' is there too, a row per record.
      #expect(dom.components(separatedBy: "<td>sglang 0.5.5</td>").count - 1 == expected.count)
    }
  }
}
