import Launch
import Migrate
import Schema
import Testing

@Suite struct PlannerTests {
  static func count(_ word: String, in argv: [String]) -> Int { argv.filter { $0 == word }.count }

  static func value(_ flag: String, in argv: [String]) -> String? {
    guard let i = argv.firstIndex(of: flag), i + 1 < argv.count else { return nil }
    return argv[i + 1]
  }

  @Test("SGLang disaggregated multi-node: roles, placements, rendezvous, router")
  func sglangDisaggregated() throws {
    let plan = try RealRecipes.plan(
      "deepseek-r1-fp8-h100-disagg-1p2d-tp16",
      PlanOptions(overrides: [RealRecipes.sglangFrontend], port: 9000))
    #expect(plan.nodes == .count(6))
    #expect(plan.processes.map(\.name) == ["prefill", "decode-0", "decode-1", "router"])
    #expect(plan.processes.map(\.node) == [0, 2, 4, 0])
    #expect(plan.processes.map(\.nodeCount) == [2, 2, 2, 1])
    let prefill = plan.processes[0]
    #expect(
      Array(prefill.argv.prefix(5)) == [
        "python3", "-m", "sglang.launch_server", "--model-path", "deepseek-ai/DeepSeek-R1",
      ])
    #expect(Self.value("--disaggregation-mode", in: prefill.argv) == "prefill")
    #expect(Self.value("--tp-size", in: prefill.argv) == "16")
    #expect(Self.value("--mem-fraction-static", in: prefill.argv) == "0.6")
    #expect(Self.value("--mem-fraction-static", in: plan.processes[1].argv) == "0.9")
    #expect(prefill.distributed != nil && plan.processes[1].distributed != nil)
    #expect(prefill.distributed?.initPort != plan.processes[1].distributed?.initPort)
    #expect(prefill.env == [EnvVar("SGLANG_JIT_DEEPGEMM_FAST_WARMUP", "1")])
    #expect(prefill.readiness?.path == "/health")
    // Worker ports avoid the client port and the recipe's bootstrap port 30001.
    let ports = plan.processes.compactMap(\.port)
    #expect(Set(ports).count == ports.count)
    #expect(!ports.contains(30001))
    let router = plan.processes[3]
    #expect(router.role == .router)
    #expect(
      router.argv == [
        "python3", "-m", "sglang_router.launch_router", "--pd-disaggregation",
        "--prefill", "http://{node:0}:\(prefill.port!)", "30001",
        "--decode", "http://{node:2}:\(plan.processes[1].port!)",
        "--decode", "http://{node:4}:\(plan.processes[2].port!)",
        "--host", "0.0.0.0", "--port", "9000",
      ])
    let bench = try #require(plan.benchmark)
    #expect(bench.concurrencies == [1, 2, 4, 8, 16, 32, 64, 128])
    #expect(Array(bench.argv.prefix(3)) == ["python3", "-m", "sglang.bench_serving"])
    #expect(Self.value("--port", in: bench.argv) == "9000")
    #expect(Self.value("--random-input-len", in: bench.argv) == "1024")
    #expect(Self.value("--host", in: bench.argv) == "{node:0}")
  }

  @Test("vLLM aggregated: vllm serve MODEL, recipe flags, launcher flags once")
  func vllmAggregated() throws {
    let plan = try RealRecipes.plan("gpt-oss-120b-mxfp4-spark-vllm-solo")
    #expect(plan.processes.count == 1)
    let p = plan.processes[0]
    #expect(Array(p.argv.prefix(3)) == ["vllm", "serve", "openai/gpt-oss-120b"])
    #expect(Self.value("--gpu-memory-utilization", in: p.argv) == "0.7")
    #expect(Self.value("--quantization", in: p.argv) == "mxfp4")
    #expect(Self.count("--host", in: p.argv) == 1 && Self.count("--port", in: p.argv) == 1)
    #expect(Self.value("--port", in: p.argv) == "8000")
    #expect(p.port == 8000 && p.readiness?.path == "/health")
    #expect(p.image == "vllm-node-mxfp4")
  }

  @Test("TensorRT-LLM with its own frontend: trtllm-serve MODEL, /v1/models readiness")
  func trtllm() throws {
    let plan = try RealRecipes.plan("qwen3-5-397b-a17b-fp4-gb300-trtllm-agg-tep8")
    let p = plan.processes[0]
    #expect(p.argv.first == "trtllm-serve")
    // context_length is a config key: in the options YAML file, not a flag (issue 17)
    #expect(!p.argv.contains("--max_seq_len"))
    let options = p.configFile?.text.split(separator: "\n").map(String.init) ?? []
    #expect(options.contains("max_seq_len: 512"))
    #expect(p.readiness?.path == "/v1/models")
    #expect(!p.argv.contains("--served-model-name"))
  }

  @Test("Dynamo recipes: python3 -m dynamo.X workers behind dynamo.frontend")
  func dynamo() throws {
    let plan = try RealRecipes.plan("deepseek-r1-h200-dynamo-vllm-disagg-dep16")
    let frontend = try #require(plan.processes.last)
    #expect(frontend.role == .frontend)
    #expect(frontend.argv == ["python3", "-m", "dynamo.frontend", "--http-port", "8000"])
    #expect(frontend.readiness?.path == "/v1/models")
    let workers = plan.processes.filter { $0.role.isWorker }
    #expect(workers.allSatisfy { Array($0.argv.prefix(3)) == ["python3", "-m", "dynamo.vllm"] })
    #expect(workers.allSatisfy { $0.port == nil && !$0.argv.contains("--port") })
    #expect(workers.first { $0.role == .prefill }?.argv.contains("--is-prefill-worker") == true)
    #expect(workers.first { $0.role == .decode }?.argv.contains("--is-prefill-worker") == false)

    let sglang = try RealRecipes.plan("deepseek-r1-h200-dynamo-sglang-disagg-tp16")
    #expect(
      sglang.processes.filter { $0.role.isWorker }.allSatisfy {
        Array($0.argv.prefix(3)) == ["python3", "-m", "dynamo.sglang"]
          && Self.count("--disaggregation-mode", in: $0.argv) == 1
      })
  }

  @Test("launcher-owned flags are set once and no flag repeats, for every embedded recipe")
  func launcherFlagsOnce() throws {
    #expect(RealRecipes.all.count == RealRecipes.fileCount)
    for entry in RealRecipes.all {
      let plan = try Planner().plan(
        entry.recipe, reference: RecipeReference(name: entry.recipe.name), options: PlanOptions())
      for p in plan.processes {
        for flag in [
          "--host", "--port", "--model-path", "--model", "--served-model-name", "--http-port",
          "--disaggregation-mode",
        ] {
          #expect(Self.count(flag, in: p.argv) <= 1, "\(entry.file): \(p.name) repeats \(flag)")
        }
        let flags = p.argv.filter {
          $0.hasPrefix("--") && $0 != "--prefill" && $0 != "--decode" && $0 != "--worker-urls"
        }
        #expect(
          Set(flags).count == flags.count, "\(entry.file): \(p.name) repeats a flag: \(flags)")
      }
    }
  }

  @Test("overrides are typed by the schema; bad paths get did-you-mean")
  func overrides() throws {
    let name = "gpt-oss-120b-mxfp4-spark-vllm-solo"
    let ok = try RealRecipes.plan(
      name,
      PlanOptions(
        overrides: [
          RecipeOverride(setting: "env.NCCL_DEBUG=INFO")!,
          RecipeOverride(unsetting: "args.enable-prefix-caching"),
        ],
        port: 9001, tensorParallelSize: 2, gpuMemoryUtilization: 0.8, maxModelLen: 32000,
        image: "my/image:1"))
    let p = ok.processes[0]
    #expect(Self.value("--tensor-parallel-size", in: p.argv) == "2")
    #expect(Self.value("--gpu-memory-utilization", in: p.argv) == "0.8")
    #expect(Self.value("--max-model-len", in: p.argv) == "32000")
    #expect(Self.value("--port", in: p.argv) == "9001")
    #expect(!p.argv.contains("--enable-prefix-caching"))
    #expect(p.env.contains(EnvVar("NCCL_DEBUG", "INFO")))
    #expect(p.image == "my/image:1")

    func diagnostics(_ o: RecipeOverride) -> [Diagnostic] {
      do {
        _ = try RealRecipes.plan(name, PlanOptions(overrides: [o]))
      } catch {
        if case .recipe(let d) = error as? PlanningError { return d }
      }
      return []
    }
    let typed = diagnostics(RecipeOverride(setting: "serving.tensor_parallel_size=two")!)
    #expect(
      typed.contains {
        $0.message.contains("--set serving.tensor_parallel_size=two")
          && $0.message.contains("integer")
      })
    let unknown = diagnostics(RecipeOverride(setting: "serving.tensor_parallel_sise=2")!)
    #expect(unknown.contains { $0.hint?.contains("tensor_parallel_size") == true }, "\(unknown)")
    let unset = diagnostics(RecipeOverride(unsetting: "args.enable-prefix-cachin"))
    #expect(unset.contains { $0.hint?.contains("enable-prefix-caching") == true }, "\(unset)")
  }

  @Test("a variant is applied before overrides and shows in provenance")
  func variant() throws {
    let name = "deepseek-v4-flash-h200-vllm-tp2"
    let plan = try RealRecipes.plan(name, PlanOptions(variant: "8xH200", maxModelLen: 4096))
    let p = plan.processes[0]
    #expect(plan.recipe.variant == "8xH200")
    #expect(Self.value("--tensor-parallel-size", in: p.argv) == "4")
    #expect(Self.value("--max-model-len", in: p.argv) == "4096")
    #expect(
      p.provenance.first { $0.key == "--tensor-parallel-size" }?.origin
        == ValueOrigin(.variant, "8xH200"))
    #expect(
      p.provenance.first { $0.key == "--max-model-len" }?.origin
        == ValueOrigin(.override, "--max-model-len 4096"))
    #expect(throws: PlanningError.self) { try RealRecipes.plan(name, PlanOptions(variant: "nope")) }
  }

  @Test("a cluster-only recipe asked for one node fails with the seed-002 message")
  func clusterOnly() throws {
    let name = "minimax-m2-5-awq-spark-vllm-cluster"
    do {
      _ = try RealRecipes.plan(name, PlanOptions(nodes: .solo))
      Issue.record("expected a cluster-only error")
    } catch {
      guard case .launch(let e) = error as? PlanningError, case .clusterOnly = e else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(e.description.contains("requires cluster mode"))
      #expect(e.description.contains("--nodes node1,node2"))
    }
    let hosts = try RealRecipes.plan(name, PlanOptions(nodes: .hosts(["10.0.0.1", "10.0.0.2"])))
    #expect(hosts.nodes == .hosts(["10.0.0.1", "10.0.0.2"]))
    #expect(throws: PlanningError.self) {
      try RealRecipes.plan(name, PlanOptions(nodes: .hosts(["10.0.0.1"])))
    }
  }

  @Test("-- extra args are appended last, with a warning for each repeated flag")
  func extraArgs() throws {
    let plan = try RealRecipes.plan(
      "gpt-oss-120b-mxfp4-spark-vllm-solo",
      PlanOptions(port: 9000, extraArgs: ["--port", "9100", "--seed", "42"]))
    let p = plan.processes[0]
    #expect(Array(p.argv.suffix(4)) == ["--port", "9100", "--seed", "42"])
    #expect(plan.warnings.contains { $0.contains("--port repeats a flag already set (was 9000)") })
    #expect(!plan.warnings.contains { $0.contains("--seed") })
  }

  @Test("--explain lists each flag and env value with its origin")
  func explain() throws {
    let plan = try RealRecipes.plan(
      "gpt-oss-120b-mxfp4-spark-vllm-solo",
      PlanOptions(
        overrides: [RecipeOverride(setting: "env.VLLM_USE_FLASHINFER_MOE_MXFP4_MXFP8=0")!],
        gpuMemoryUtilization: 0.8))
    let rows = PlanExplanation(plan).rows
    func row(_ key: String) -> PlanExplanation.Row? { rows.first { $0.key == key } }
    #expect(row("--gpu-memory-utilization")?.origin == ValueOrigin(.override, "--gpu-mem 0.8"))
    #expect(row("--gpu-memory-utilization")?.value == "0.8")
    #expect(row("--quantization")?.origin == ValueOrigin(.recipe))
    #expect(row("--port")?.origin == ValueOrigin(.recipe))
    #expect(row("env:VLLM_USE_FLASHINFER_MOE_MXFP4_MXFP8")?.origin.kind == .override)
    #expect(row("env:VLLM_USE_FLASHINFER_MOE_MXFP4_MXFP8")?.value == "0")
    let dsr1 = PlanExplanation(
      try RealRecipes.plan(
        "deepseek-r1-fp8-h100-disagg-1p2d-tp16",
        PlanOptions(overrides: [RealRecipes.sglangFrontend]))
    ).rows
    #expect(
      dsr1.contains {
        $0.key == "--port" && $0.origin == ValueOrigin(.engineDefault, "worker-port")
      })
    #expect(dsr1.contains { $0.key == "--dist-init-addr" && $0.origin.kind == .engineDefault })
    #expect(PlanExplanation(plan).table.hasPrefix("PROCESS"))
  }
}
