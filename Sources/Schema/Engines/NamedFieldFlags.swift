/// How one ``NamedField`` is spelled on one engine's command line.
///
/// Built by ``NamedFieldFlags/flags(for:engine:)``; the table is the single source for
/// named field ↔ flag mapping, the seed-001 `extra_args` ban and importers.
package struct NamedFieldFlags: Sendable, Hashable {
  /// How the field's value becomes flags.
  package enum Form: String, Sendable, Hashable {
    /// `<canonical> <value>`.
    case value
    /// A boolean switch set when the size is greater than 1 (vLLM
    /// `--enable-expert-parallel`: the EP size is then derived as TP × DP, so any
    /// other size cannot be expressed and must be reported as a loss).
    case switchWhenGreaterThanOne
    /// The engine has no flag for this field.
    case unsupported
  }

  /// Where the spellings come from.
  package enum Provenance: String, Sendable, Hashable {
    /// The shipped flag catalogs (`spec/engines`).
    case catalog
    /// `trtllm-serve` documentation (no catalog is shipped for TensorRT-LLM).
    case trtllmServeDocs
    /// llama.cpp's `common/arg.cpp` (what `llama-server --help` prints).
    case llamaServerArgs
  }

  /// The field.
  package let field: NamedField
  /// The engine.
  package let engine: EngineName
  /// The flag to emit; nil when ``form`` is ``Form/unsupported``.
  package let canonical: String?
  /// Every spelling the engine accepts for it (canonical first), for import and for the
  /// `extra_args` ban. Includes argparse abbreviations that recipes use (SGLang `--tp`).
  package let spellings: [String]
  /// How a value maps to flags.
  package let form: Form
  /// Where the spellings come from.
  package let provenance: Provenance
  /// Semantic caveats, empty when none.
  package let note: String

  package init(
    field: NamedField, engine: EngineName, canonical: String?, spellings: [String], form: Form,
    provenance: Provenance, note: String = ""
  ) {
    self.field = field
    self.engine = engine
    self.canonical = canonical
    self.spellings = spellings
    self.form = form
    self.provenance = provenance
    self.note = note
  }

  /// The mapping of `field` on `engine`.
  package static func flags(for field: NamedField, engine: EngineName) -> NamedFieldFlags {
    switch engine {
    case .sglang: sglang(field)
    case .vllm: vllm(field)
    case .trtllm: trtllm(field)
    case .llamaCpp: llamaCpp(field)
    }
  }

  /// The mappings of every field on `engine`, in ``NamedField/allCases`` order.
  package static func all(engine: EngineName) -> [NamedFieldFlags] {
    NamedField.allCases.map { flags(for: $0, engine: engine) }
  }

  /// The named field a flag spelling belongs to on `engine` (`--tp` → tensor parallel).
  /// `--flag=value` is accepted.
  package static func field(forFlag spelling: String, engine: EngineName) -> NamedField? {
    lookup[engine]?[normalize(spelling)]
  }

  /// Normalized spelling → field, per engine, computed once.
  private static let lookup: [EngineName: [String: NamedField]] = {
    var out: [EngineName: [String: NamedField]] = [:]
    for engine in EngineName.allCases {
      var table: [String: NamedField] = [:]
      for mapping in all(engine: engine) {
        for spelling in mapping.spellings { table[normalize(spelling)] = mapping.field }
      }
      out[engine] = table
    }
    return out
  }()

  /// A flag spelling without `=value` and leading dashes, lower case, `_` as `-`: the form
  /// in which `--tp_size`, `tp-size` and `--TP-SIZE=4` compare equal.
  package static func normalize(_ spelling: String) -> String {
    let u = spelling.utf8
    var start = u.startIndex
    while start < u.endIndex, u[start] == UInt8(ascii: "-") { start = u.index(after: start) }
    var end = start
    var needsWork = false
    while end < u.endIndex {
      let c = u[end]
      if c == UInt8(ascii: "=") { break }
      if c == UInt8(ascii: "_") || (c >= 65 && c <= 90) || c >= 0x80 { needsWork = true }
      end = u.index(after: end)
    }
    if !needsWork {
      return start == u.startIndex && end == u.endIndex ? spelling : String(spelling[start..<end])
    }
    return String(String(spelling[start..<end]).lowercased().map { $0 == "_" ? "-" : $0 })
  }

  // MARK: - Tables

  private static func sglang(_ field: NamedField) -> NamedFieldFlags {
    func make(_ spellings: [String], _ note: String = "") -> NamedFieldFlags {
      NamedFieldFlags(
        field: field, engine: .sglang, canonical: spellings[0], spellings: spellings, form: .value,
        provenance: .catalog, note: note)
    }
    switch field {
    case .tensorParallelSize:
      return make(
        ["--tp-size", "--tensor-parallel-size", "--tp"],
        "--tp is not registered; argparse accepts it as a unique prefix of --tp-size")
    case .pipelineParallelSize:
      // Not --dp (data parallel): seed 001 has that bug.
      return make(["--pp-size", "--pipeline-parallel-size"], "since 0.4.6.post5")
    case .dataParallelSize:
      return make(
        ["--dp-size", "--data-parallel-size", "--dp"],
        "--dp is accepted as a unique prefix of --dp-size; DP attention additionally needs "
          + "--enable-dp-attention (<=0.5.1) or --attn-dp-size (0.5.23)")
    case .expertParallelSize:
      return make(
        ["--ep-size", "--expert-parallel-size", "--ep"],
        "since 0.4.6.post5; --ep registered from 0.5.0rc2; legacy boolean --enable-ep-moe meant ep = tp"
      )
    case .gpuMemoryUtilization:
      return make(
        ["--mem-fraction-static"],
        "fraction for weights + KV cache only; not interchangeable 1:1 with vLLM --gpu-memory-utilization"
      )
    case .contextLength:
      return make(["--context-length"])
    case .maxConcurrentRequests:
      return make(["--max-running-requests"])
    }
  }

  private static func vllm(_ field: NamedField) -> NamedFieldFlags {
    func make(_ spellings: [String], _ note: String = "") -> NamedFieldFlags {
      NamedFieldFlags(
        field: field, engine: .vllm, canonical: spellings[0], spellings: spellings, form: .value,
        provenance: .catalog, note: note)
    }
    switch field {
    case .tensorParallelSize: return make(["--tensor-parallel-size", "-tp"])
    case .pipelineParallelSize: return make(["--pipeline-parallel-size", "-pp"])
    case .dataParallelSize: return make(["--data-parallel-size", "-dp"], "since 0.8.5.post1")
    case .expertParallelSize:
      return NamedFieldFlags(
        field: field, engine: .vllm, canonical: "--enable-expert-parallel",
        spellings: ["--enable-expert-parallel", "-ep", "--no-enable-expert-parallel"],
        form: .switchWhenGreaterThanOne, provenance: .catalog,
        note:
          "vLLM has no EP size: --enable-expert-parallel (bool, since 0.8.5.post1; -ep from 0.33) "
          + "makes EP size = TP x DP; a size that differs cannot be expressed")
    case .gpuMemoryUtilization:
      return make(["--gpu-memory-utilization"], "0.33 also registers --device-memory-utilization")
    case .contextLength:
      return make(["--max-model-len"], "accepts 32k/1m (0.8.5+) and auto (0.33)")
    case .maxConcurrentRequests: return make(["--max-num-seqs"])
    }
  }

  private static func trtllm(_ field: NamedField) -> NamedFieldFlags {
    func make(_ flag: String, _ note: String = "from trtllm-serve docs") -> NamedFieldFlags {
      NamedFieldFlags(
        field: field, engine: .trtllm, canonical: flag, spellings: [flag], form: .value,
        provenance: .trtllmServeDocs, note: note)
    }
    switch field {
    case .tensorParallelSize: return make("--tp_size")
    case .pipelineParallelSize: return make("--pp_size")
    case .expertParallelSize: return make("--ep_size")
    case .gpuMemoryUtilization:
      return make(
        "--kv_cache_free_gpu_memory_fraction",
        "from trtllm-serve docs; fraction of free memory for the KV cache, not of total memory")
    case .contextLength: return make("--max_seq_len")
    case .maxConcurrentRequests: return make("--max_batch_size")
    case .dataParallelSize:
      return NamedFieldFlags(
        field: field, engine: .trtllm, canonical: nil, spellings: [], form: .unsupported,
        provenance: .trtllmServeDocs,
        note: "trtllm-serve has no data parallel size flag (attention DP is enable_attention_dp "
          + "in the --extra_llm_api_options YAML)")
    }
  }

  private static func llamaCpp(_ field: NamedField) -> NamedFieldFlags {
    func unsupported(_ note: String) -> NamedFieldFlags {
      NamedFieldFlags(
        field: field, engine: .llamaCpp, canonical: nil, spellings: [], form: .unsupported,
        provenance: .llamaServerArgs, note: note)
    }
    func make(_ spellings: [String], _ note: String) -> NamedFieldFlags {
      NamedFieldFlags(
        field: field, engine: .llamaCpp, canonical: spellings[0], spellings: spellings,
        form: .value, provenance: .llamaServerArgs, note: note)
    }
    switch field {
    case .contextLength: return make(["--ctx-size", "-c"], "0 = the model's own context")
    case .maxConcurrentRequests:
      return make(["--parallel", "-np"], "server slots; the context is shared among them")
    case .tensorParallelSize:
      return unsupported(
        "llama-server has no parallel size: it spreads a model over every visible GPU, by "
          + "layers or by rows (--split-mode layer|row), in the proportions of --tensor-split")
    case .pipelineParallelSize, .dataParallelSize, .expertParallelSize:
      return unsupported("llama-server has no such flag (--split-mode layer spreads layers)")
    case .gpuMemoryUtilization:
      return unsupported("llama-server sizes by --n-gpu-layers and --ctx-size, not a fraction")
    }
  }
}
