/// Reads vLLM's `vllm bench serve --save-result` JSON and srt-slurm sa-bench's (its
/// `benchmark_serving.py` is vLLM's, and writes the same keys plus `reuse_http_connections`).
///
/// Keys: `date` (`YYYYMMDD-HHMMSS`), `num_prompts`, `max_concurrency`, `request_rate`
/// (`"inf"` when unlimited), `duration`, `completed`, `failed` (newer vLLM), `total_input_tokens`,
/// `total_output_tokens`, `request_throughput`, `output_throughput`, `total_token_throughput`,
/// `{mean,median,p90,p99}_{ttft,tpot,itl,e2el}_ms` (p90 only with `--metric-percentiles`), and
/// per-request `errors`. Without `failed`, failures are `num_prompts - completed`, else the
/// non-empty `errors`.
enum VLLMImporter {
  static func read(_ doc: JSONDocument, as format: ResultFormat) throws(ResultError)
    -> Measurement
  {
    let duration = doc.number("duration")
    let tokens = doc.int("total_output_tokens")
    let completed = doc.int("completed")
    let prompts = doc.int("num_prompts")
    var failed = doc.int("failed")
    if failed == nil, let prompts, let completed { failed = max(0, prompts - completed) }
    if failed == nil, let errors = doc.object["errors"] as? [Any] {
      failed = errors.filter { ($0 as? String).map { !$0.isEmpty } ?? false }.count
    }
    var figures = ResultRecord.Figures(
      durationS: duration,
      requestThroughputPerS: doc.number("request_throughput"),
      outputTokensPerS: try doc.outputThroughput(
        "output_throughput", tokens: tokens, duration: duration),
      totalTokensPerS: doc.number("total_token_throughput"),
      completed: completed, failed: failed,
      inputTokens: doc.int("total_input_tokens"), outputTokens: tokens)
    figures.ttft = SGLangImporter.stats(doc, "ttft")
    figures.tpot = SGLangImporter.stats(doc, "tpot")
    figures.itl = SGLangImporter.stats(doc, "itl")
    figures.e2e = SGLangImporter.stats(doc, "e2el")
    try doc.checkMeasured(
      figures, tokensKey: "total_output_tokens", completedKey: "completed",
      throughputKey: "output_throughput")
    let workload = ResultRecord.Workload(
      isl: doc.int("random_input_len"), osl: doc.int("random_output_len"),
      dataset: doc.string("dataset_name"),
      concurrency: doc.int("max_concurrency"), requestRatePerS: doc.number("request_rate"),
      prompts: prompts)
    var m = Measurement(
      format: format, workload: workload, figures: figures, at: date(doc.string("date")),
      line: doc.isLine ? doc.firstLine : nil)
    if format == .saBench {
      let name = doc.file.split(separator: "/").last.map(String.init) ?? doc.file
      if let g = SABenchImporter.gpus(fileName: name) {
        m.gpus = g.total
        m.prefillGPUs = g.prefill
        m.decodeGPUs = g.decode
      }
    }
    return m
  }

  /// `20250101-120000` as `2025-01-01T12:00:00` (local time of the machine that ran it).
  static func date(_ text: String?) -> String? {
    guard let text else { return nil }
    let digits = Array(text.filter(\.isNumber))
    guard digits.count == 14 else { return text }
    func part(_ r: Range<Int>) -> String { String(digits[r]) }
    return
      "\(part(0..<4))-\(part(4..<6))-\(part(6..<8))T\(part(8..<10)):\(part(10..<12)):\(part(12..<14))"
  }
}

/// srt-slurm sa-bench's file names: `results_concurrency_C_gpus_N.json` (aggregated) and
/// `results_concurrency_C_gpus_N_ctx_P_gen_D.json` (disaggregated), as its `bench.sh` names them.
enum SABenchImporter {
  /// The GPU counts a file name states.
  static func gpus(fileName: String) -> (total: Int, prefill: Int?, decode: Int?)? {
    let words = fileName.split(separator: ".").first.map { $0.split(separator: "_") } ?? []
    func after(_ key: String) -> Int? {
      guard let i = words.firstIndex(where: { $0 == key }), i + 1 < words.count else { return nil }
      return Int(words[i + 1])
    }
    guard let total = after("gpus") else { return nil }
    return (total, after("ctx"), after("gen"))
  }

  /// The concurrency a result file name states (`results_concurrency_8[...].json`).
  static func concurrency(fileName: String) -> Int? {
    let words = fileName.split(separator: ".").first.map { $0.split(separator: "_") } ?? []
    guard let i = words.firstIndex(where: { $0 == "concurrency" }), i + 1 < words.count else {
      return nil
    }
    return Int(words[i + 1])
  }
}
