import Foundation
import TestSupport
import Testing

@testable import Schema

@Suite struct RecipeV2Tests {
  static var validFiles: [String] { get throws { try V2Files.valid.map(\.lastPathComponent) } }
  static var invalidFiles: [String] { get throws { try V2Files.invalid.map(\.lastPathComponent) } }

  static func url(_ name: String) throws -> URL {
    guard
      let url = try V2Files.valid.first(where: { $0.lastPathComponent == name })
        ?? V2Files.invalid.first(where: { $0.lastPathComponent == name })
    else { throw Fixtures.Missing(path: name, what: "no v2 fixture or example") }
    return url
  }

  @Test func thereAreEnoughFixtures() throws {
    #expect(try Self.invalidFiles.count >= 12)
    #expect(try Self.validFiles.count >= 7)
  }

  @Test("valid fixtures and examples decode without diagnostics", arguments: try validFiles)
  func validDecodes(_ name: String) throws {
    let (recipe, diagnostics) = try V2Files.decode(Self.url(name))
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    #expect(recipe != nil)
  }

  @Test("invalid fixtures give exactly the expected diagnostics", arguments: try invalidFiles)
  func invalidDiagnostics(_ name: String) throws {
    let url = try Self.url(name)
    let sidecar = url.deletingPathExtension().appendingPathExtension("expected")
    let expected = try ExpectedDiagnostics.parse(String(contentsOf: sidecar, encoding: .utf8))
    let (recipe, diagnostics) = try V2Files.decode(url)
    #expect(recipe == nil)
    let shown = diagnostics.map { "\($0) (\($0.code))" }.joined(separator: "\n")
    #expect(diagnostics.count == expected.count, "got:\n\(shown)")
    for e in expected {
      #expect(diagnostics.contains { e.matches($0) }, "missing \(e); got:\n\(shown)")
    }
  }

  @Test("decode(encode(x)) == x, and encoding is a fixed point", arguments: try validFiles)
  func roundTrip(_ name: String) throws {
    let (recipe, _) = try V2Files.decode(Self.url(name))
    let r = try #require(recipe)
    let text = YAMLEmitter.emit(r.encode())
    let (again, diagnostics) = try V2Files.decode(text)
    #expect(diagnostics.isEmpty, "\(diagnostics)\n\(text)")
    #expect(again == r, "\(text)")
    #expect(YAMLEmitter.emit(try #require(again).encode()) == text)
    // Canonical key order.
    let keys = try YAML.parse(text).root.keys
    #expect(keys == RecipeV2.keyOrder.filter { keys.contains($0) })
  }

  @Test func expectedDiagnosticsParser() throws {
    let e = try ExpectedDiagnostics.parse(
      "# c\nerror unknown-key 7:3 resources.prefil_nodes hint~prefill_nodes\nwarning x - . \n")
    #expect(e.count == 2)
    #expect(e[0].line == 7 && e[0].column == 3 && e[0].path == "resources.prefil_nodes")
    #expect(e[0].hintSubstring == "prefill_nodes")
    #expect(e[1].severity == .warning && e[1].line == nil && e[1].path == "")
    #expect(throws: ExpectedDiagnostics.ParseError.self) {
      try ExpectedDiagnostics.parse("error x 1:2")
    }
  }

  // MARK: - Accessors

  @Test func accessorsDisaggregated() throws {
    let r = try #require(try V2Files.decode(Self.url("sglang-gb200-disagg.yaml")).0)
    #expect(r.engineName == .sglang && r.engineVersion == "0.5.8")
    #expect(r.engineImage == "lmsysorg/sglang:v0.5.8-cu130")
    #expect(r.gpuType == "gb200" && r.gpusPerNode == 4)
    #expect(r.topologyMode == .disaggregated)
    #expect(r.nodes(of: .prefill) == 4 && r.workers(of: .prefill) == 2)
    #expect(r.nodes(of: .decode) == 8 && r.workers(of: .decode) == 1)
    #expect(r.nodes(of: .aggregated) == nil)
    #expect(r.totalNodes == 12 && r.totalGPUs == 48)
    let p = r.resolved(role: .prefill)
    #expect(p.serving.tensorParallelSize == 8 && p.serving.contextLength == 2200)
    #expect(p.args.contains(RecipeV2.EngineArg("trust-remote-code", .bool(true))))
    #expect(p.args.contains(RecipeV2.EngineArg("disaggregation-mode", .string("prefill"))))
    let d = r.resolved(role: .decode)
    #expect(d.serving.tensorParallelSize == 32 && d.serving.gpuMemoryUtilization == 0.82)
    #expect(d.env.contains(RecipeV2.EnvVar("SGLANG_DECODE_BOOTSTRAP_TIMEOUT", "1000")))
    #expect(!p.env.contains { $0.name == "SGLANG_DECODE_BOOTSTRAP_TIMEOUT" })
    #expect(
      d.args.contains(
        RecipeV2.EngineArg("cuda-graph-bs", .list([1, 2, 4, 8, 16, 32, 64, 128].map { .int($0) }))))
  }

  @Test func resolvedRoleNullUnsetsInherited() throws {
    let r = try #require(try V2Files.decode(Self.url("deprecated-role-unset.yaml")).0)
    #expect(r.status == RecipeV2.Status(.deprecated, reason: "superseded by dsr1-h200-disagg"))
    let d = r.resolved(role: .decode)
    #expect(!d.args.contains { $0.flag == "enable-dp-attention" })
    #expect(d.env.isEmpty)
    let p = r.resolved(role: .prefill)
    #expect(p.args.contains { $0.flag == "enable-dp-attention" })
    #expect(r.totalNodes == 1 && r.totalGPUs == 8)
    if case .structured(let node)? = p.args.first(where: { $0.flag == "json-model-override-args" })?
      .value
    {
      #expect(node["rope_scaling"]?["factor"]?.resolved == .float(4.0))
    } else {
      Issue.record("json-valued flag is not structured")
    }
  }

  @Test func totalGPUsFromWorkersWhenNoGPUsPerNode() throws {
    let (r, d) = try V2Files.decode(
      """
      schema: v2
      name: x
      model: {path: a/b}
      engine: {name: vllm}
      topology:
        prefill: {nodes: 1, workers: 2, gpus_per_worker: 2}
        decode: {nodes: 1, workers: 1, gpus_per_worker: 4}
      """)
    #expect(d.isEmpty)
    #expect(r?.totalGPUs == 8 && r?.totalNodes == 2)
  }

  // MARK: - Variants

  @Test func variantMergesReplacesAndDeletes() throws {
    let r = try #require(try V2Files.decode(Self.url("variants-named-field.yaml")).0)
    #expect(r.variantNames == ["4xH200", "8xH100"])
    let v = try r.applying(variant: "8xH100")
    // Mapping merged key by key: base serving fields kept, new one added.
    #expect(v.serving.tensorParallelSize == 8 && v.serving.maxConcurrentRequests == 256)
    #expect(v.serving.contextLength == 16384)
    // Scalar replaced.
    #expect(v.gpuType == "h100" && v.gpusPerNode == 8)
    // List replaced, not appended.
    #expect(v.benchmark?.concurrencies == [64, 256])
    #expect(v.benchmark?.args?["num_prompts"]?.resolved == .int(256))
    // Null deletes.
    #expect(!v.args.contains { $0.flag == "kv-cache-dtype" })
    #expect(v.args.contains { $0.flag == "reasoning-parser" })
    #expect(v.variants.isEmpty)
    let small = try r.applying(variant: "4xH200")
    #expect(
      small.topology.roles[.aggregated]
        == RecipeV2.RolePlacement(nodes: 1, workers: 1, gpusPerWorker: 4))
    #expect(small.serving.tensorParallelSize == 4)
  }

  @Test func unknownVariantListsKnownOnes() throws {
    let r = try #require(try V2Files.decode(Self.url("variants-named-field.yaml")).0)
    do {
      _ = try r.applying(variant: "8xH10")
      Issue.record("expected an error")
    } catch {
      #expect(error.diagnostics.first?.code == "unknown-variant")
      #expect(error.diagnostics.first?.hint?.contains("4xH200, 8xH100") == true)
      #expect(error.diagnostics.first?.hint?.contains("did you mean '8xH100'") == true)
    }
  }

  @Test func variantThatBreaksTheRecipeIsReported() throws {
    let (r, d) = try V2Files.decode(
      """
      schema: v2
      name: x
      model: {path: a/b}
      engine: {name: sglang}
      topology:
        aggregated: {nodes: 1, workers: 1}
      variants:
        tp:
          args:
            tp: 4
          serving:
            tensor_parallel_size: 4
      """)
    #expect(r == nil)
    #expect(d.map(\.code) == ["named-field-in-args"])
    #expect(d.first?.path.description == "variants.tp.args.tp")
    #expect(d.first?.location?.line == 10)
  }

  @Test func deepMergeRules() throws {
    let base = try YAML.parse("a: {b: 1, c: [1, 2]}\nd: x\ne: 1\n").root
    let over = try YAML.parse("a: {c: [3], f: 2}\nd: null\ng: {h: null, i: 1}\n").root
    let m = RecipeV2.deepMerge(base, over)
    #expect(m == (try YAML.parse("a: {b: 1, c: [3], f: 2}\ne: 1\ng: {i: 1}\n").root))
  }

  // MARK: - The seed-001 ban and launcher-owned flags

  @Test(arguments: [
    ("sglang", "tensor_parallel_size: 2", "tp"),
    ("sglang", "tensor_parallel_size: 2", "tensor-parallel-size"),
    ("sglang", "pipeline_parallel_size: 2", "pp-size"),
    ("sglang", "data_parallel_size: 2", "dp"),
    ("sglang", "expert_parallel_size: 2", "ep-size"),
    ("sglang", "gpu_memory_utilization: 0.8", "mem-fraction-static"),
    ("sglang", "context_length: 4096", "context-length"),
    ("sglang", "max_concurrent_requests: 8", "max-running-requests"),
    ("vllm", "tensor_parallel_size: 2", "-tp"),
    ("vllm", "pipeline_parallel_size: 2", "pipeline-parallel-size"),
    ("vllm", "gpu_memory_utilization: 0.8", "gpu-memory-utilization"),
    ("vllm", "context_length: 4096", "max-model-len"),
    ("vllm", "max_concurrent_requests: 8", "max-num-seqs"),
    ("trtllm", "tensor_parallel_size: 2", "tp_size"),
    ("trtllm", "gpu_memory_utilization: 0.8", "kv_cache_free_gpu_memory_fraction"),
    ("trtllm", "max_concurrent_requests: 8", "max_batch_size"),
  ])
  func namedFieldInArgsIsBanned(engine: String, field: String, flag: String) throws {
    let (r, d) = try V2Files.decode(
      """
      schema: v2
      name: x
      model: {path: a/b}
      engine: {name: \(engine)}
      topology:
        aggregated: {nodes: 1, workers: 1}
      serving:
        \(field)
      args:
        \(flag): 2
      """)
    #expect(r == nil)
    #expect(d.map(\.code) == ["named-field-in-args"], "\(d)")
    #expect(d.first?.location?.line == 10)
  }

  @Test func sglangDpIsNotPipelineParallel() throws {
    // Seed 001 maps pipeline_parallel_size to --dp; that is data parallelism.
    #expect(RecipeV2.NamedField.field(forFlag: "--dp", engine: .sglang) == .dataParallelSize)
    #expect(
      RecipeV2.NamedField.field(forFlag: "--pp-size", engine: .sglang) == .pipelineParallelSize)
    let (r, d) = try V2Files.decode(
      """
      schema: v2
      name: x
      model: {path: a/b}
      engine: {name: sglang}
      topology:
        aggregated: {nodes: 1, workers: 1}
      serving:
        pipeline_parallel_size: 2
      args:
        dp: 2
      """)
    #expect(d.isEmpty && r != nil)
  }

  @Test func commonFieldBansRoleArg() throws {
    let (_, d) = try V2Files.decode(
      """
      schema: v2
      name: x
      model: {path: a/b}
      engine: {name: sglang}
      topology:
        prefill: {nodes: 1, workers: 1}
        decode: {nodes: 1, workers: 1}
      serving:
        context_length: 4096
      roles:
        decode:
          args:
            context-length: 8192
      """)
    #expect(d.map(\.code) == ["named-field-in-args"])
    #expect(d.first?.path.description == "roles.decode.args.context-length")
  }

  @Test(arguments: [
    "host", "port", "model", "model-path", "served-model-name", "served_model_name",
  ])
  func launcherOwnedFlags(flag: String) throws {
    let (r, d) = try V2Files.decode(
      """
      schema: v2
      name: x
      model: {path: a/b}
      engine: {name: sglang}
      topology:
        aggregated: {nodes: 1, workers: 1}
      args:
        \(flag): x
      """)
    #expect(r == nil)
    #expect(d.map(\.code) == ["launcher-owned-flag"])
  }

  @Test func everyProblemInOnePass() throws {
    let (_, d) = try V2Files.decode(
      """
      schema: v2
      name: x
      model: {pth: a/b}
      engine: {name: vlm}
      topology:
        aggregated: {nodes: 0, workers: 1}
      serving:
        gpu_memory_utilization: 0
      """)
    #expect(Set(d.map(\.code)) == ["missing-key", "unknown-key", "invalid-value", "out-of-range"])
    #expect(d.count == 5, "\(d)")
  }
}
