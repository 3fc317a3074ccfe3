/// The table `registry results RECIPE` prints: one row per workload point.
public enum ResultTable {
  /// Column headers, units included.
  public static let headers = [
    "CONC", "ISL/OSL", "OUT TOK/S", "TOK/S/GPU", "REQ/S", "TTFT MS mean/p99", "TPOT MS mean",
    "ITL MS mean", "E2E MS mean", "OK/FAIL", "GPUS", "ENGINE", "TOOL", "CLUSTER", "AT",
  ]

  /// Columns a narrow terminal drops first.
  public static let dropOrder = [13, 14, 11, 7, 8, 4, 10]

  /// One row per record, in the order given.
  public static func rows(_ records: [ResultRecord]) -> [[String]] {
    records.map { r in
      let w = r.workload
      let f = r.figures
      return [
        w.concurrency.map(String.init) ?? (w.requestRatePerS.map { "\(format($0))/s" } ?? "-"),
        "\(w.isl.map(String.init) ?? "?")/\(w.osl.map(String.init) ?? "?")",
        format(f.outputTokensPerS),
        f.outputTokensPerSPerGPU.map(format) ?? "-",
        f.requestThroughputPerS.map(format) ?? "-",
        "\(f.ttft.meanMs.map(format) ?? "-")/\(f.ttft.p99Ms.map(format) ?? "-")",
        f.tpot.meanMs.map(format) ?? "-",
        f.itl.meanMs.map(format) ?? "-",
        f.e2e.meanMs.map(format) ?? "-",
        "\(f.completed.map(String.init) ?? "?")/\(f.failed.map(String.init) ?? "?")",
        r.hardware.gpus.map(String.init) ?? "?",
        [r.engine.name, r.engine.version].compactMap { $0 }.joined(separator: " "),
        r.run.tool,
        r.run.cluster ?? "-",
        r.run.at ?? "-",
      ]
    }
  }

  /// A figure with at most two decimals (`1234.5`, `0.25`, `12`).
  public static func format(_ value: Double) -> String {
    guard value.isFinite else { return String(value) }
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
    return String(rounded)
  }
}
