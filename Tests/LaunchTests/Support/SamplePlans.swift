import Launch

/// Plans built in code for the renderer tests.
enum SamplePlans {
  static let vllmImage = "vllm/vllm-openai:v0.11.0"
  static let sglangImage = "lmsysorg/sglang:v0.5.8-cu130"

  /// One node, one aggregated vLLM process, benchmark at concurrencies 1 and 4.
  static func vllmAggregated(port: Int = 8000, timeout: Int = 30) -> LaunchPlan {
    let argv = [
      "vllm", "serve", "meta-llama/Llama-3.1-8B-Instruct",
      "--served-model-name", "llama-8b",
      "--tensor-parallel-size", "1",
      "--gpu-memory-utilization", "0.90",
      "--enable-prefix-caching",
      "--host", "127.0.0.1", "--port", String(port),
    ]
    let process = LaunchProcess(
      name: "vllm", role: .aggregated, image: vllmImage,
      env: [EnvVar("VLLM_LOGGING_LEVEL", "INFO"), EnvVar("HF_HUB_OFFLINE", "1")],
      argv: argv, port: port, gpus: GPUAllocation(ids: [0]),
      readiness: ReadinessCheck(path: "/health", timeoutSeconds: timeout, intervalSeconds: 0.2),
      sharedMemory: "16g",
      provenance: [
        Provenance("--tensor-parallel-size", ValueOrigin(.recipe)),
        Provenance(
          "--gpu-memory-utilization", ValueOrigin(.override, "--set gpu_memory_utilization=0.90")),
        Provenance("--port", ValueOrigin(.override, "--port")),
        Provenance("env:VLLM_LOGGING_LEVEL", ValueOrigin(.engineDefault, "vllm-logging")),
      ])
    let bench = BenchmarkStep(
      argv: [
        "vllm", "bench", "serve", "--model", "meta-llama/Llama-3.1-8B-Instruct",
        "--served-model-name", "llama-8b", "--base-url", "http://127.0.0.1:\(port)",
        "--dataset-name", "random", "--num-prompts", "8",
      ],
      concurrencies: [1, 4], env: [EnvVar("BENCH_TAG", "agg")], image: vllmImage)
    return LaunchPlan(
      recipe: RecipeReference(
        name: "llama-3.1-8b-vllm-agg", commit: "0123456789abcdef0123456789abcdef01234567",
        blob: "89abcdef0123456789abcdef0123456789abcdef", file: "recipes/meta/llama/vllm/agg.yaml"),
      target: .shell, engine: "vllm", nodes: .count(1),
      model: ModelReference(path: "meta-llama/Llama-3.1-8B-Instruct", servedName: "llama-8b"),
      processes: [process], benchmark: bench,
      scheduling: SchedulingOptions(timeLimit: "01:00:00", gpusPerNode: 1),
      warnings: ["duplicate flag --port from '-- extra args' replaces the recipe value"])
  }

  struct DisaggPorts {
    var prefill = 30000
    var decode = 30001
    var router = 8000
    var bootstrap = 8998
    var distInit = 5757
  }

  /// SGLang disaggregated: 1 prefill node, 2 decode nodes (one multi-node decode process),
  /// a router frontend on the head node, benchmark at concurrencies 2 and 8.
  static func sglangDisaggregated(ports: DisaggPorts = DisaggPorts(), nodes: NodeSet = .count(3))
    -> LaunchPlan
  {
    let model = "deepseek-ai/DeepSeek-R1"
    func worker(_ mode: String, port: Int, tp: Int) -> [String] {
      [
        "python3", "-m", "sglang.launch_server",
        "--model-path", model, "--served-model-name", "dsr1",
        "--disaggregation-mode", mode,
        "--disaggregation-bootstrap-port", String(ports.bootstrap),
        "--tp-size", String(tp), "--trust-remote-code",
        "--host", "0.0.0.0", "--port", String(port),
      ]
    }
    let readiness = ReadinessCheck(path: "/health", timeoutSeconds: 30, intervalSeconds: 0.25)
    let prefill = LaunchProcess(
      name: "prefill", role: .prefill, node: 0, image: sglangImage,
      env: [EnvVar("SGLANG_JIT_DEEPGEMM_FAST_WARMUP", "1"), EnvVar("PREFILL_ONLY", "yes")],
      argv: worker("prefill", port: ports.prefill, tp: 8), port: ports.prefill,
      gpus: GPUAllocation(count: 8), readiness: readiness, sharedMemory: "64g")
    let decode = LaunchProcess(
      name: "decode", role: .decode, node: 1, nodeCount: 2, image: sglangImage,
      env: [EnvVar("SGLANG_JIT_DEEPGEMM_FAST_WARMUP", "1"), EnvVar("DECODE_ONLY", "on")],
      argv: worker("decode", port: ports.decode, tp: 16), port: ports.decode,
      gpus: GPUAllocation(count: 8), readiness: readiness,
      distributed: DistributedLaunch(initPort: ports.distInit), sharedMemory: "64g")
    let router = LaunchProcess(
      name: "router", role: .frontend, node: 0, image: sglangImage,
      env: [EnvVar("RUST_LOG", "info")],
      argv: [
        "python3", "-m", "sglang_router.launch_router", "--pd-disaggregation",
        "--prefill", "http://\(NodeHostTemplate.placeholder(0)):\(ports.prefill)",
        String(ports.bootstrap),
        "--decode", "http://\(NodeHostTemplate.placeholder(1)):\(ports.decode)",
        "--host", "127.0.0.1", "--port", String(ports.router),
      ],
      port: ports.router,
      readiness: ReadinessCheck(path: "/v1/models", timeoutSeconds: 30, intervalSeconds: 0.25))
    let bench = BenchmarkStep(
      argv: [
        "python3", "-m", "sglang.bench_serving", "--backend", "sglang",
        "--host", "127.0.0.1", "--port", String(ports.router), "--model", "dsr1",
        "--dataset-name", "random", "--random-input-len", "1024", "--random-output-len", "1024",
      ],
      concurrencies: [2, 8], image: sglangImage)
    return LaunchPlan(
      recipe: RecipeReference(
        name: "dsr1-sglang-1p2d", commit: "fedcba9876543210fedcba9876543210fedcba98"),
      target: .slurm, engine: "sglang", nodes: nodes,
      model: ModelReference(path: model, servedName: "dsr1"),
      processes: [prefill, decode, router], benchmark: bench,
      scheduling: SchedulingOptions(jobName: "dsr1-1p2d", timeLimit: "04:00:00", gpusPerNode: 8))
  }

  /// Dynamo with vLLM: frontend plus one prefill and two identical decode workers.
  static func dynamoVLLM() -> LaunchPlan {
    let image = "nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.8.0"
    let model = "Qwen/Qwen3-32B"
    func worker(_ extra: [String]) -> [String] {
      ["python3", "-m", "dynamo.vllm", "--model", model, "--tensor-parallel-size", "2"] + extra
    }
    let frontend = LaunchProcess(
      name: "frontend", role: .frontend, image: image,
      argv: ["python3", "-m", "dynamo.frontend", "--http-port", "8000"], port: 8000,
      readiness: ReadinessCheck(path: "/v1/models"))
    let prefill = LaunchProcess(
      name: "prefill-0", role: .prefill, image: image, env: [EnvVar("DYN_LOG", "info")],
      argv: worker(["--is-prefill-worker"]), gpus: GPUAllocation(count: 2), sharedMemory: "20Gi")
    let decode0 = LaunchProcess(
      name: "decode-0", role: .decode, node: 0, image: image, env: [EnvVar("DYN_LOG", "info")],
      argv: worker([]), gpus: GPUAllocation(count: 2), sharedMemory: "20Gi")
    var decode1 = decode0
    decode1.name = "decode-1"
    decode1.node = 1
    return LaunchPlan(
      recipe: RecipeReference(name: "Qwen3-32B vLLM disagg", commit: "abc123"),
      target: .k8s, engine: "vllm", nodes: .count(2),
      model: ModelReference(path: model), processes: [frontend, prefill, decode0, decode1])
  }

  /// Strings a recipe could use to attack a shell or a YAML file.
  static let hostile: [String] = [
    "it's", "say \"hi\"", "$(touch CANARY)", "`touch CANARY`", "a; touch CANARY",
    "line1\nline2", "*", "*.?[a]", "# comment", "key: value", "- item", "{a: b}", "[1, 2]",
    "&anchor", "*alias", "!tag", "%directive", "@at", "yes", "null", "~", "0x1F", "1e3", "",
    " lead", "trail ", "tab\there", "back\\slash", "${HOME}", "$HOME", "| block", "> folded",
    "ü ünïcode — ✓", "cr\r\nlf", "'\\''", "--port=$(id)", "x' ; touch CANARY ; '", "\"",
    "a\u{2028}b", "end\\", "!!python/object:os.system", "--- ", "...", "?", ": x",
  ]

  /// A plan whose argv and env carry every hostile string (with `CANARY` replaced by `canary`).
  static func hostilePlan(
    port: Int = 8100, canary: String = "/nonexistent/canary", nodes: NodeSet = .count(1)
  ) -> LaunchPlan {
    let values = hostile.map { $0.replacingOccurrences(of: "CANARY", with: canary) }
    var env: [EnvVar] = []
    for (i, v) in values.enumerated() { env.append(EnvVar("HOSTILE_\(i)", v)) }
    var argv = ["vllm", "serve", "model", "--port", String(port)]
    for v in values { argv += ["--arg", v] }
    let worker = LaunchProcess(
      name: "worker", role: .aggregated, image: "img:\(values[1])", env: env, argv: argv,
      port: port,
      gpus: GPUAllocation(count: 1),
      readiness: ReadinessCheck(path: "/health", timeoutSeconds: 30, intervalSeconds: 0.2))
    let cfg = LaunchProcess(
      name: "cfg", role: .aggregated, node: 0, image: "img",
      argv: ["vllm", "serve"] + values.map { "--arg=" + $0 })
    return LaunchPlan(
      recipe: RecipeReference(name: values[0] + values[2], commit: values[5]),
      target: .shell, engine: "vllm", nodes: nodes, model: ModelReference(path: values[3]),
      processes: [worker, cfg],
      benchmark: BenchmarkStep(
        argv: [
          "vllm", "bench", "serve", "--base-url", "http://127.0.0.1:\(port)", "--label", values[2],
        ],
        concurrencies: [3], env: [EnvVar("B", values[4])]),
      warnings: [values[5]])
  }
}
