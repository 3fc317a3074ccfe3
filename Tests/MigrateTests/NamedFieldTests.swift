import Engines
import Migrate
import Schema
import Testing

@Suite("Named fields")
struct NamedFieldTests {
  @Test func yamlKeysRoundTrip() {
    for field in NamedField.allCases { #expect(NamedField(yamlKey: field.yamlKey) == field) }
    #expect(NamedField.tensorParallelSize.yamlKey == "tensor_parallel_size")
    #expect(NamedField(yamlKey: "tp") == nil)
  }

  @Test("SGLang pipeline parallel is --pp-size, never --dp (seed 001 bug)")
  func sglangPipelineParallel() {
    let pp = NamedFieldFlags.flags(for: .pipelineParallelSize, engine: .sglang)
    #expect(pp.canonical == "--pp-size")
    #expect(pp.spellings.contains("--pipeline-parallel-size"))
    #expect(!pp.spellings.contains("--dp"))
    #expect(!pp.spellings.contains("--dp-size"))
    #expect(NamedFieldFlags.field(forFlag: "--dp", engine: .sglang) == .dataParallelSize)
    #expect(NamedFieldFlags.field(forFlag: "--pp-size=2", engine: .sglang) == .pipelineParallelSize)
  }

  struct Row: Sendable, CustomTestStringConvertible {
    let engine: Engine
    let field: NamedField
    let canonical: String?
    let spellings: [String]
    var testDescription: String { "\(engine) \(field)" }
  }

  static let table: [Row] = [
    Row(
      engine: .sglang, field: .tensorParallelSize, canonical: "--tp-size",
      spellings: ["--tensor-parallel-size", "--tp"]),
    Row(
      engine: .sglang, field: .dataParallelSize, canonical: "--dp-size",
      spellings: ["--data-parallel-size", "--dp"]),
    Row(
      engine: .sglang, field: .expertParallelSize, canonical: "--ep-size",
      spellings: ["--expert-parallel-size", "--ep"]),
    Row(
      engine: .sglang, field: .gpuMemoryUtilization, canonical: "--mem-fraction-static",
      spellings: []),
    Row(engine: .sglang, field: .contextLength, canonical: "--context-length", spellings: []),
    Row(
      engine: .sglang, field: .maxConcurrentRequests, canonical: "--max-running-requests",
      spellings: []),
    Row(
      engine: .vllm, field: .tensorParallelSize, canonical: "--tensor-parallel-size",
      spellings: ["-tp"]),
    Row(
      engine: .vllm, field: .pipelineParallelSize, canonical: "--pipeline-parallel-size",
      spellings: ["-pp"]),
    Row(
      engine: .vllm, field: .dataParallelSize, canonical: "--data-parallel-size", spellings: ["-dp"]
    ),
    Row(
      engine: .vllm, field: .expertParallelSize, canonical: "--enable-expert-parallel",
      spellings: ["-ep"]),
    Row(
      engine: .vllm, field: .gpuMemoryUtilization, canonical: "--gpu-memory-utilization",
      spellings: []),
    Row(engine: .vllm, field: .contextLength, canonical: "--max-model-len", spellings: []),
    Row(engine: .vllm, field: .maxConcurrentRequests, canonical: "--max-num-seqs", spellings: []),
    Row(engine: .trtllm, field: .tensorParallelSize, canonical: "--tp_size", spellings: []),
    Row(engine: .trtllm, field: .pipelineParallelSize, canonical: "--pp_size", spellings: []),
    Row(engine: .trtllm, field: .expertParallelSize, canonical: "--ep_size", spellings: []),
    Row(
      engine: .trtllm, field: .gpuMemoryUtilization,
      canonical: "--kv_cache_free_gpu_memory_fraction", spellings: []),
    Row(engine: .trtllm, field: .contextLength, canonical: "--max_seq_len", spellings: []),
    Row(
      engine: .trtllm, field: .maxConcurrentRequests, canonical: "--max_batch_size", spellings: []),
    Row(engine: .trtllm, field: .dataParallelSize, canonical: nil, spellings: []),
  ]

  @Test(arguments: table)
  func mapping(_ row: Row) {
    let m = NamedFieldFlags.flags(for: row.field, engine: row.engine)
    #expect(m.canonical == row.canonical)
    if let canonical = row.canonical { #expect(m.spellings.first == canonical) }
    for s in row.spellings { #expect(m.spellings.contains(s)) }
    #expect(m.provenance == (row.engine == .trtllm ? .trtllmServeDocs : .catalog))
  }

  /// Every registered spelling of a named field exists in the newest catalog; argparse
  /// abbreviations resolve there too.
  @Test(arguments: [Engine.sglang, .vllm])
  func spellingsExistInNewestCatalog(engine: Engine) throws {
    let catalog = try #require(FlagCatalogTests.store.catalogs(engine: engine).last)
    for mapping in NamedFieldFlags.all(engine: engine) {
      for spelling in mapping.spellings {
        let resolved = catalog.resolve(spelling)
        #expect(resolved != nil, "\(spelling) unknown to \(engine) \(catalog.version)")
        if let canonical = mapping.canonical {
          #expect(resolved?.flag.name == catalog.resolve(canonical)?.flag.name)
        }
      }
    }
  }

  @Test func vllmExpertParallelIsASwitch() {
    let ep = NamedFieldFlags.flags(for: .expertParallelSize, engine: .vllm)
    #expect(ep.form == .switchWhenGreaterThanOne)
    #expect(NamedFieldFlags.flags(for: .expertParallelSize, engine: .sglang).form == .value)
  }

  @Test func launcherAndBannedSetsAreSeparate() {
    #expect(!LauncherFlags.owned(by: .sglang).contains("--trust-remote-code"))
    #expect(LauncherFlags.owned(by: .sglang).contains("--model-path"))
    #expect(LauncherFlags.owned(by: .vllm).contains("--served-model-name"))
    let banned = LauncherFlags.extraArgsBanned(engine: .sglang)
    for flag in [
      "--trust-remote-code", "--host", "--port", "--model", "--served-model-name", "--tp",
      "--tp-size", "--pp-size", "--mem-fraction-static",
    ] {
      #expect(banned.contains(flag), "\(flag)")
    }
    #expect(!banned.contains("--kv-cache-dtype"))
    #expect(LauncherFlags.extraArgsBanned(engine: .vllm).contains("--max-num-seqs"))
  }
}
