/// Reads one line of SGLang `bench_serving`'s JSON lines (`sglang/benchmark/serving.py`,
/// 0.5.x: `duration`, `completed`, `total_output_tokens`, `output_throughput`,
/// `{mean,median,p90,p99}_{ttft,tpot,itl,e2e_latency}_ms`, `max_concurrency`, `request_rate`).
///
/// `median_*` is the p50. SGLang writes no failure count: failures are the requests not
/// `completed`, which the line does not say either, so `failed` stays unknown.
enum SGLangImporter {
  static func read(_ doc: JSONDocument) throws(ResultError) -> Measurement {
    let duration = doc.number("duration")
    let tokens = doc.int("total_output_tokens")
    var figures = ResultRecord.Figures(
      durationS: duration,
      requestThroughputPerS: doc.number("request_throughput"),
      outputTokensPerS: try doc.outputThroughput(
        "output_throughput", tokens: tokens, duration: duration),
      totalTokensPerS: doc.number("total_throughput")
        ?? sum(doc.number("input_throughput"), doc.number("output_throughput")),
      completed: doc.int("completed"),
      inputTokens: doc.int("total_input_tokens"),
      outputTokens: tokens)
    figures.ttft = stats(doc, "ttft")
    figures.tpot = stats(doc, "tpot")
    figures.itl = stats(doc, "itl")
    figures.e2e = stats(doc, "e2e_latency")
    try doc.checkMeasured(
      figures, tokensKey: "total_output_tokens", completedKey: "completed",
      throughputKey: "output_throughput")
    let dataset = doc.string("dataset_name")
    let random = dataset?.hasPrefix("random") ?? false
    let workload = ResultRecord.Workload(
      isl: random ? doc.int("random_input_len") : nil,
      osl: random ? doc.int("random_output_len") : nil,
      dataset: dataset,
      concurrency: doc.int("max_concurrency"),
      requestRatePerS: doc.number("request_rate"))
    return Measurement(
      format: .sglang, workload: workload, figures: figures,
      line: doc.isLine ? doc.firstLine : nil)
  }

  /// `mean_X_ms`, `median_X_ms`, `p90_X_ms`, `p99_X_ms`.
  static func stats(_ doc: JSONDocument, _ metric: String) -> LatencyStats {
    LatencyStats(
      meanMs: doc.number("mean_\(metric)_ms"), p50Ms: doc.number("median_\(metric)_ms"),
      p90Ms: doc.number("p90_\(metric)_ms"), p99Ms: doc.number("p99_\(metric)_ms"))
  }

  static func sum(_ a: Double?, _ b: Double?) -> Double? {
    guard let a, let b else { return nil }
    return a + b
  }
}
