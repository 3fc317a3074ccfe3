internal import Schema

/// Turns a recipe's `benchmark` block into the plan's ``BenchmarkStep``, aimed at the
/// process clients talk to (router, frontend or the single worker).
///
/// - `sa-bench`, `sglang`, `bench_serving` → `python3 -m sglang.bench_serving --backend B
///   --host H --port P --model NAME --dataset-name random --random-input-len ISL
///   --random-output-len OSL --num-prompts N [--request-rate R]`
/// - `vllm`, `vllm-bench` → `vllm bench serve --model M --served-model-name NAME --base-url
///   http://H:P --dataset-name random ...`
/// - any other tool → its name and its `args` as `--flag value`, with a note.
///
/// The concurrency flag (`--max-concurrency C`) is added per run by the renderer.
enum BenchmarkPlanner {
  struct Result: Sendable {
    var step: BenchmarkStep
    var notes: [String]
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
    var concurrencies = b.concurrencies
    if concurrencies.isEmpty, let text = extra.removeValue(forKey: "concurrencies") {
      concurrencies = text.split(whereSeparator: { $0 == "x" || $0 == "," || $0 == " " }).compactMap
      { Int($0) }
    }
    extra.removeValue(forKey: "concurrencies")
    if concurrencies.isEmpty {
      concurrencies = [1]
      notes.append(
        "benchmark: the recipe gives no concurrencies; running at 1 (engine-default rule)")
    }
    let name = servedName ?? model
    let numPrompts =
      extra.removeValue(forKey: "num_prompts") ?? String(max(10, 10 * (concurrencies.max() ?? 1)))
    let isl = b.isl ?? 1024
    let osl = b.osl ?? 1024
    var argv: [String]
    let tool = b.tool.lowercased()
    switch tool {
    case "sa-bench", "sglang", "bench_serving", "sglang.bench_serving":
      let backend = openAI ? "sglang-oai" : (engine == .vllm ? "vllm" : "sglang")
      argv = [
        "python3", "-m", "sglang.bench_serving", "--backend", backend, "--host", host, "--port",
        String(port),
        "--model", name, "--dataset-name", "random",
        "--random-input-len", String(isl), "--random-output-len", String(osl), "--num-prompts",
        numPrompts,
      ]
      if let ratio = extra.removeValue(forKey: "random_range_ratio") {
        argv += ["--random-range-ratio", ratio]
      }
      if extra.removeValue(forKey: "use_chat_template") == "true" {
        argv.append("--apply-chat-template")
      }
    case "vllm", "vllm-bench", "vllm bench":
      argv = [
        "vllm", "bench", "serve", "--model", model, "--served-model-name", name,
        "--base-url", "http://\(host):\(port)", "--dataset-name", "random",
        "--random-input-len", String(isl), "--random-output-len", String(osl), "--num-prompts",
        numPrompts,
      ]
      if let ratio = extra.removeValue(forKey: "random_range_ratio") {
        argv += ["--random-range-ratio", ratio]
      }
    default:
      argv = [b.tool, "--host", host, "--port", String(port), "--model", name]
      if let i = b.isl { argv += ["--isl", String(i)] }
      if let o = b.osl { argv += ["--osl", String(o)] }
      argv += ["--num-prompts", numPrompts]
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
    return Result(
      step: BenchmarkStep(argv: argv, concurrencies: concurrencies, image: image), notes: notes)
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
