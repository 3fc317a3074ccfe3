internal import Schema

/// Turns a recipe's `benchmark` block into the plan's ``BenchmarkStep``, aimed at the
/// process clients talk to (router, frontend or the single worker).
///
/// - `sa-bench`, `sglang`, `bench_serving` → `python3 -m sglang.bench_serving --backend B
///   --host H --port P --model NAME --tokenizer MODEL --dataset-name random
///   --random-input-len ISL --random-output-len OSL [--request-rate R]`, the result written to
///   `--output-file`
/// - `vllm`, `vllm-bench` → `vllm bench serve --model M --served-model-name NAME --base-url
///   http://H:P --dataset-name random ... --save-result`, the result written to
///   `--result-filename`
/// - any other tool → its name and its `args` as `--flag value`, with a note.
///
/// The prompt count scales with each concurrency as srt-slurm's sa-bench computes it:
/// `C × num_prompts_mult` (default 10) unless `args.num_prompts` fixes it; for `sa-bench` the
/// warmup is `C × num_warmup_mult` requests (default 2), the length range ratio defaults to 0.8
/// and the chat template is applied unless `use_chat_template: false` (sa-bench's defaults).
/// The model path is the tokenizer (the served name may not be a tokenizer). The recipe's
/// `thresholds` are checked against each run's result file (``BenchmarkThreshold``).
///
/// The concurrency flag (`--max-concurrency C`) and the scaled flags are added per run.
enum BenchmarkPlanner {
  struct Result: Sendable {
    var step: BenchmarkStep
    var notes: [String]
  }

  /// sa-bench's default multipliers and range ratio (srtctl `benchmarks/sa_bench.py`).
  static let promptsMultiplier = 10
  static let saBenchWarmupMultiplier = 2
  static let saBenchRangeRatio = "0.8"

  /// The concurrencies to run: the recipe's, else srt-slurm's `concurrencies: "4x8x16"` arg
  /// (taken out of `extra`), else 1 with a note.
  static func concurrencies(
    _ b: RecipeV2.Benchmark, extra: inout [String: String], notes: inout [String]
  ) -> [Int] {
    var concurrencies = b.concurrencies
    if concurrencies.isEmpty, let text = extra.removeValue(forKey: "concurrencies") {
      concurrencies = text.split(whereSeparator: { $0 == "x" || $0 == "," || $0 == " " })
        .compactMap { Int($0) }
    }
    extra.removeValue(forKey: "concurrencies")
    if concurrencies.isEmpty {
      concurrencies = [1]
      notes.append(
        "benchmark: the recipe gives no concurrencies; running at 1 (engine-default rule)")
    }
    return concurrencies
  }

  /// The benchmark step, or nil when the recipe has no benchmark.
  ///
  /// - Parameters:
  ///   - host: the host word of the target (`{node:0}`).
  ///   - openAI: whether the target is an OpenAI-compatible frontend (Dynamo, trtllm-serve).
  static func plan(
    _ b: RecipeV2.Benchmark?, engine: EngineName, model: String, servedName: String?, host: String,
    port: Int,
    openAI: Bool, image: String?
  ) -> Result? {
    guard let b else { return nil }
    var notes: [String] = []
    var extra = argsMap(b.args)
    let concurrencies = concurrencies(b, extra: &extra, notes: &notes)
    let name = servedName ?? model
    let tool = b.tool.lowercased()
    let isSABench = tool == "sa-bench"

    // Prompts per run: fixed by num_prompts, else concurrency × num_prompts_mult.
    var scaled: [BenchmarkStep.ScaledFlag] = []
    var fixedPrompts: Int?
    var promptArgs: [String] = []
    let multText = extra.removeValue(forKey: "num_prompts_mult")
    if let text = extra.removeValue(forKey: "num_prompts") {
      promptArgs = ["--num-prompts", text]
      fixedPrompts = Int(text)
    } else {
      let mult = multText.flatMap { Int($0) } ?? promptsMultiplier
      scaled.append(BenchmarkStep.ScaledFlag("--num-prompts", multiplier: max(1, mult)))
    }
    let warmupText = extra.removeValue(forKey: "num_warmup_mult")
    let isl = b.isl ?? 1024
    let osl = b.osl ?? 1024
    var argv: [String]
    var resultFlag: String?
    switch tool {
    case "sa-bench", "sglang", "bench_serving", "sglang.bench_serving":
      let backend = openAI ? "sglang-oai" : (engine == .vllm ? "vllm" : "sglang")
      argv = [
        "python3", "-m", "sglang.bench_serving", "--backend", backend, "--host", host, "--port",
        String(port), "--model", name, "--tokenizer", model, "--dataset-name", "random",
        "--random-input-len", String(isl), "--random-output-len", String(osl),
      ]
      argv += promptArgs
      let ratio = extra.removeValue(forKey: "random_range_ratio")
      if let ratio = ratio ?? (isSABench ? saBenchRangeRatio : nil) {
        argv += ["--random-range-ratio", ratio]
      }
      let chat = extra.removeValue(forKey: "use_chat_template")
      if chat == "true" || (isSABench && chat == nil) {
        argv.append("--apply-chat-template")
      }
      let warmup = warmupText.flatMap { Int($0) } ?? (isSABench ? saBenchWarmupMultiplier : nil)
      if let warmup, warmup > 0 {
        scaled.append(BenchmarkStep.ScaledFlag("--warmup-requests", multiplier: warmup))
      }
      resultFlag = "--output-file"
    case "vllm", "vllm-bench", "vllm bench":
      argv = [
        "vllm", "bench", "serve", "--model", model, "--served-model-name", name,
        "--base-url", "http://\(host):\(port)", "--dataset-name", "random",
        "--random-input-len", String(isl), "--random-output-len", String(osl),
      ]
      argv += promptArgs
      if let ratio = extra.removeValue(forKey: "random_range_ratio") {
        argv += ["--random-range-ratio", ratio]
      }
      if let w = warmupText { extra["num_warmup_mult"] = w }
      argv.append("--save-result")
      resultFlag = "--result-filename"
    default:
      argv = [b.tool, "--host", host, "--port", String(port), "--model", name]
      if let i = b.isl { argv += ["--isl", String(i)] }
      if let o = b.osl { argv += ["--osl", String(o)] }
      argv += promptArgs
      if let w = warmupText { extra["num_warmup_mult"] = w }
      for (k, v) in extra.sorted(by: { $0.key < $1.key }) {
        argv += ["--" + String(k.map { $0 == "_" ? "-" : $0 }), v]
      }
      extra = [:]
      notes.append(
        "benchmark: tool '\(b.tool)' is not known to the planner; its name and args are passed as written"
      )
    }
    switch b.requestRate {
    case .infinite?: argv += ["--request-rate", "inf"]
    case .perSecond(let r)?: argv += ["--request-rate", String(r)]
    case nil: break
    }
    for k in extra.keys.sorted() {
      notes.append("benchmark: arg '\(k)' is not passed to \(b.tool)")
    }
    let thresholds = b.thresholds.map { BenchmarkThreshold(recipeName: $0.name, limit: $0.value) }
    if resultFlag == nil, !thresholds.isEmpty {
      notes.append(
        "benchmark: tool '\(b.tool)' writes no result file the plan knows; its thresholds (\(thresholds.map(\.name).joined(separator: ", "))) are not checked"
      )
    }
    let step = BenchmarkStep(
      argv: argv, concurrencies: concurrencies, image: image, scaledFlags: scaled,
      resultFileFlag: resultFlag, fixedPrompts: fixedPrompts, thresholds: thresholds)
    return Result(step: step, notes: notes)
  }

  /// The benchmark's `args` mapping as flat strings (scalars only).
  static func argsMap(_ node: YAMLNode?) -> [String: String] {
    var out: [String: String] = [:]
    for pair in node?.mapping ?? [] {
      guard let k = pair.key.scalar, let v = pair.value.scalar else { continue }
      out[k] = v
    }
    return out
  }
}
