/// Reads AIPerf's `profile_export_aiperf.json` and genai-perf's
/// `profile_export_genai_perf.json` (AIPerf keeps genai-perf's shape): one object per metric,
/// `{"unit": "ms", "avg": ..., "p50": ..., "p90": ..., "p99": ...}`.
///
/// Normalised: times to ms from the metric's own unit (`ns`, `us`, `ms`, `s`/`sec`);
/// `inter_token_latency` is (E2E - TTFT) / (output tokens - 1) per request in both tools,
/// which is what the record calls TPOT, so it lands there; AIPerf's `inter_chunk_latency`
/// (between streamed chunks) is the record's ITL. The concurrency comes from `input_config`
/// (the profiling phase's, else the first `concurrency` in it).
enum AIPerfImporter {
  static func read(_ doc: JSONDocument, as format: ResultFormat) throws(ResultError)
    -> Measurement
  {
    let duration = value(doc, "benchmark_duration").flatMap {
      seconds($0, unit: unit(doc, "benchmark_duration"))
    }
    let tokens =
      (doc.object["output_token_count"] as? [String: Any]).flatMap {
        JSONDocument.number($0["sum"])
      }
      .map { Int($0.rounded()) }
      ?? value(doc, "total_output_tokens").map { Int($0.rounded()) }
    let completed = value(doc, "request_count").map { Int($0.rounded()) }
    let failed = value(doc, "error_request_count").map { Int($0.rounded()) }
    var figures = ResultRecord.Figures(
      durationS: duration,
      requestThroughputPerS: value(doc, "request_throughput"),
      outputTokensPerS: try throughput(doc, tokens: tokens, duration: duration),
      completed: completed ?? (failed != nil ? 0 : nil), failed: failed,
      outputTokens: tokens)
    figures.ttft = stats(doc, "time_to_first_token")
    figures.tpot = stats(doc, "inter_token_latency")
    figures.itl = stats(doc, "inter_chunk_latency")
    figures.e2e = stats(doc, "request_latency")
    try doc.checkMeasured(
      figures,
      tokensKey: doc.has("output_token_count") ? "output_token_count" : "total_output_tokens",
      completedKey: doc.has("request_count") ? "request_count" : "error_request_count",
      throughputKey: "output_token_throughput")
    let config = doc.object["input_config"]
    let workload = ResultRecord.Workload(
      isl: value(doc, "input_sequence_length").map { Int($0.rounded()) },
      osl: value(doc, "output_sequence_length").map { Int($0.rounded()) },
      concurrency: concurrency(in: config))
    return Measurement(
      format: format, workload: workload, figures: figures,
      at: doc.string("start_time"), toolVersion: doc.string("aiperf_version"))
  }

  private static func metric(_ doc: JSONDocument, _ key: String) -> [String: Any]? {
    doc.object[key] as? [String: Any]
  }

  static func value(_ doc: JSONDocument, _ key: String) -> Double? {
    metric(doc, key).flatMap { JSONDocument.number($0["avg"]) }
  }

  static func unit(_ doc: JSONDocument, _ key: String) -> String {
    (metric(doc, key)?["unit"] as? String)?.lowercased() ?? "ms"
  }

  private static func throughput(_ doc: JSONDocument, tokens: Int?, duration: Double?)
    throws(ResultError) -> Double
  {
    if let v = value(doc, "output_token_throughput") { return v }
    if let tokens, let duration, duration > 0 { return Double(tokens) / duration }
    throw doc.error(
      .missingFigure, at: nil,
      "no output token throughput ('output_token_throughput') in this export",
      hint: "export with the default metrics (AIPerf/genai-perf write it for streaming runs)")
  }

  /// A time metric in ms: avg, p50, p90, p99 converted from its unit.
  static func stats(_ doc: JSONDocument, _ key: String) -> LatencyStats {
    guard let m = metric(doc, key) else { return LatencyStats() }
    let u = (m["unit"] as? String)?.lowercased() ?? "ms"
    func ms(_ k: String) -> Double? { JSONDocument.number(m[k]).flatMap { millis($0, unit: u) } }
    return LatencyStats(meanMs: ms("avg"), p50Ms: ms("p50"), p90Ms: ms("p90"), p99Ms: ms("p99"))
  }

  /// `value` in `unit` as milliseconds; nil for a unit that is not a time.
  static func millis(_ value: Double, unit: String) -> Double? {
    switch unit {
    case "ns": value / 1_000_000
    case "us", "µs": value / 1_000
    case "ms": value
    case "s", "sec", "seconds": value * 1_000
    default: nil
    }
  }

  static func seconds(_ value: Double, unit: String) -> Double? {
    millis(value, unit: unit).map { $0 / 1_000 }
  }

  /// The concurrency in an `input_config`: a profiling phase's, else the first `concurrency`
  /// met in key order.
  static func concurrency(in config: Any?) -> Int? {
    if let o = config as? [String: Any] {
      if let phases = o["phases"] as? [[String: Any]] {
        let profiling = phases.first { ($0["name"] as? String) == "profiling" } ?? phases.last
        if let c = JSONDocument.number(profiling?["concurrency"]) { return Int(c) }
      }
      if let c = JSONDocument.number(o["concurrency"]) { return Int(c) }
      for key in o.keys.sorted() {
        if let c = concurrency(in: o[key]) { return c }
      }
    } else if let a = config as? [Any] {
      for v in a { if let c = concurrency(in: v) { return c } }
    }
    return nil
  }
}
