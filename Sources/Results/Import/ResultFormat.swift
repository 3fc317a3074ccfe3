/// The result files `registry results add` reads, one importer each.
public enum ResultFormat: String, Sendable, Hashable, CaseIterable, Codable {
  /// SGLang `python3 -m sglang.bench_serving --output-file F`: JSON lines, one per run.
  case sglang
  /// vLLM `vllm bench serve --save-result`: one JSON object per run.
  case vllm
  /// srt-slurm's sa-bench (`benchmark_serving.py`, vLLM's shape):
  /// `results_concurrency_C_gpus_N[_ctx_P_gen_D].json`.
  case saBench = "sa-bench"
  /// AIPerf `profile_export_aiperf.json`.
  case aiperf
  /// genai-perf `profile_export_genai_perf.json`.
  case genaiPerf = "genai-perf"
  /// llama-benchy `--format json`: one entry per (concurrency, prompt, response) run.
  case llamaBenchy = "llama-benchy"

  /// What each format is, for `--help`.
  public static let help = """
    sglang (bench_serving JSON lines), vllm (vllm bench serve --save-result), sa-bench \
    (srt-slurm results_concurrency_*.json), aiperf (profile_export_aiperf.json), genai-perf \
    (profile_export_genai_perf.json), llama-benchy (--format json)
    """

  /// The format of a file, from its keys (and sa-bench's file name).
  static func detect(_ doc: JSONDocument) -> ResultFormat? {
    let o = doc.object
    let name = doc.file.split(separator: "/").last.map(String.init) ?? doc.file
    if o["benchmarks"] is [Any], o["latency_mode"] != nil || o["prefix_caching_enabled"] != nil {
      return .llamaBenchy
    }
    let hasMetricObjects =
      (o["request_throughput"] as? [String: Any])?["unit"] != nil
      || (o["output_token_throughput"] as? [String: Any])?["unit"] != nil
    if hasMetricObjects {
      return o["aiperf_version"] != nil || o["schema_version"] != nil || o["benchmark_id"] != nil
        ? .aiperf : .genaiPerf
    }
    if o["completed"] != nil {
      if o["mean_e2e_latency_ms"] != nil || o["total_output_tokens_retokenized"] != nil
        || o["random_input_len"] != nil
      {
        return .sglang
      }
      if o["reuse_http_connections"] != nil || SABenchImporter.gpus(fileName: name) != nil {
        return .saBench
      }
      return .vllm
    }
    return nil
  }

  /// Reads every workload point of a result file.
  /// - Parameters:
  ///   - format: the importer to use; nil detects it from the file.
  /// - Throws: ``ResultError``: unreadable file, unknown format, a missing figure, or a run
  ///   that measured nothing (zero output tokens, every request failed).
  public static func read(_ bytes: [UInt8], file: String, as format: ResultFormat? = nil)
    throws(ResultError) -> [Measurement]
  {
    let docs = try JSONDocument.read(bytes, file: file)
    var out: [Measurement] = []
    for doc in docs {
      guard let f = format ?? detect(doc) else {
        throw ResultError(
          .unknownFormat, file: file, line: doc.firstLine, column: 1,
          "not a result file registry reads",
          hint:
            "pass --format with one of: \(ResultFormat.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      out += try f.read(doc)
    }
    return out
  }

  private func read(_ doc: JSONDocument) throws(ResultError) -> [Measurement] {
    switch self {
    case .sglang: [try SGLangImporter.read(doc)]
    case .vllm, .saBench: [try VLLMImporter.read(doc, as: self)]
    case .aiperf, .genaiPerf: [try AIPerfImporter.read(doc, as: self)]
    case .llamaBenchy: try LlamaBenchyImporter.read(doc)
    }
  }
}
