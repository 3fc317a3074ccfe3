/// Reads llama-benchy's `--format json` report (`llama_benchy/results.py`, 0.4.x): metadata
/// (`version`, `timestamp`, `model`, ...) and `benchmarks`, one entry per run with
/// `concurrency`, `prompt_size`, `response_size`, `context_size` and metrics
/// `{mean, std, values}`: `tg_throughput` (generated tokens/s over all requests), `e2e_ttft`
/// (ms)...
///
/// Each run that generated tokens is one workload point; prefill-only context runs
/// (`is_context_prefill_phase`) have no generation figures and are skipped. llama-benchy
/// writes means only (no percentiles) and no request counts, so those stay unknown; a run
/// whose `tg_throughput` is missing or zero is rejected.
enum LlamaBenchyImporter {
  static func read(_ doc: JSONDocument) throws(ResultError) -> [Measurement] {
    guard let runs = doc.object["benchmarks"] as? [[String: Any]] else {
      throw doc.error(.unreadable, at: "benchmarks", "'benchmarks' is not a list of runs")
    }
    var out: [Measurement] = []
    for run in runs where !((run["is_context_prefill_phase"] as? Bool) ?? false) {
      let tg = mean(run["tg_throughput"])
      guard let tg, tg > 0 else {
        throw doc.error(
          .rejected, at: "tg_throughput",
          "zero output tokens: the run at concurrency \(JSONDocument.number(run["concurrency"]).map { String(Int($0)) } ?? "?") has no tg_throughput",
          hint:
            "llama-benchy reports 'No results collected' when the model generates nothing; check the endpoint"
        )
      }
      var figures = ResultRecord.Figures(outputTokensPerS: tg)
      figures.ttft = LatencyStats(meanMs: mean(run["e2e_ttft"]))
      let context = JSONDocument.number(run["context_size"]).map { Int($0) } ?? 0
      let prompt = JSONDocument.number(run["prompt_size"]).map { Int($0) }
      let workload = ResultRecord.Workload(
        isl: prompt.map { $0 + context },
        osl: JSONDocument.number(run["response_size"]).map { Int($0) },
        dataset: "llama-benchy",
        concurrency: JSONDocument.number(run["concurrency"]).map { Int($0) })
      out.append(
        Measurement(
          format: .llamaBenchy, workload: workload, figures: figures,
          at: doc.string("timestamp"), toolVersion: doc.string("version")))
    }
    if out.isEmpty {
      throw doc.error(
        .rejected, at: "benchmarks", "no run generated tokens",
        hint: "run llama-benchy with --tg above 0")
    }
    return out
  }

  private static func mean(_ metric: Any?) -> Double? {
    (metric as? [String: Any]).flatMap { JSONDocument.number($0["mean"]) }
  }
}
