import Engines
import Migrate
import Registry
import Schema

/// What the detail cache's fragments (`DetailCache`) were built with: a shard written under
/// another fingerprint is ignored and rewritten, so a build that converts recipes differently
/// never reuses another build's fragments.
///
/// The fingerprint is the detail format's own `version`, the index schema, the reader revision
/// of the index (`IndexFingerprint.readerRevision`: decoders and summaries), the formats the
/// converters read, the embedded engine catalogs the converters consult, the embedded spec
/// schemas, and the fragments of two fixed probe recipes (a v1 one imported through its
/// converter, a v2 one), which catch a converter change nobody versioned. It is built from
/// these values only (no per-process hashing seed), so every process of one build gives the
/// same text: `index-<schema>.details-<version>.<reader revision>.inputs-<hex>`.
struct DetailFingerprint: Hashable, Sendable {
  /// Bump when the shape or content of detail fragments changes in a way none of the other
  /// inputs shows.
  static let version = 2

  var detailVersion: Int
  var indexSchema: Int
  var readerRevision: String
  var formats: [String]
  /// Relative path → text of each embedded engine catalog.
  var catalogs: [String: String]
  /// Relative path → text of each embedded spec schema.
  var specs: [String: String]
  /// The fragments of the probe recipes.
  var probe: String

  /// This build's fingerprint.
  static let current = DetailFingerprint(
    detailVersion: version, indexSchema: IndexExporter.schemaVersion,
    readerRevision: IndexFingerprint.readerRevision,
    formats: Converters.all.map(\.format.rawValue),
    catalogs: Dictionary(
      FlagCatalogStore.embeddedFiles.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a }),
    specs: EmbeddedSpecs.files, probe: probeFragments())

  /// The header text (`DetailCache` writes it at the top of every shard).
  var text: String {
    var inputs = ""
    func field(_ s: String) { inputs += "\(s.utf8.count):" + s + "\n" }
    formats.forEach(field)
    for (label, files) in [("catalogs", catalogs), ("specs", specs)] {
      field(label)
      for (path, text) in files.sorted(by: { $0.key < $1.key }) {
        field(path)
        field(text)
      }
    }
    field(probe)
    let bytes = Array(inputs.utf8)
    let sum = bytes.withUnsafeBytes { FastHash.hash($0) }
    return
      "index-\(indexSchema).details-\(detailVersion).\(readerRevision).inputs-\(String(sum, radix: 16))"
  }

  /// A v1 recipe (srt-slurm layout, disaggregated) and a v2 one, as the registry holds them.
  static let probeRecipes = [
    """
    name: "probe-v1"
    model:
      path: "deepseek-ai/DeepSeek-R1"
      container: "lmsysorg/sglang:v0.5.8-cu130"
      precision: "fp8"
    resources:
      gpu_type: "gb200"
      gpus_per_node: 4
      prefill_nodes: 1
      decode_nodes: 2
      prefill_workers: 1
      decode_workers: 1
    backend:
      prefill_environment:
        PYTHONUNBUFFERED: "1"
      decode_environment:
        PYTHONUNBUFFERED: "1"
      sglang_config:
        prefill:
          disaggregation-mode: "prefill"
          served-model-name: "deepseek-ai/DeepSeek-R1"
          tensor-parallel-size: 4
          mem-fraction-static: 0.85
        decode:
          disaggregation-mode: "decode"
          served-model-name: "deepseek-ai/DeepSeek-R1"
          tensor-parallel-size: 4
          cuda-graph-bs: [1, 2, 4, 8]
    benchmark:
      type: "sa-bench"
      isl: 1024
      osl: 1024
      concurrencies: "4x8x16"
      req_rate: "inf"

    """,
    """
    # a v2 recipe
    schema: v2
    name: probe-v2
    status: {state: deprecated, reason: superseded}
    model:
      path: Qwen/Qwen3-32B
      precision: bf16
    engine:
      name: vllm
      version: "0.11.0"
      image: vllm/vllm-openai:v0.11.0
    resources:
      gpu_type: h200
      gpus_per_node: 8
    topology:
      aggregated: {nodes: 1, workers: 1}
    serving:
      tensor_parallel_size: 8
      context_length: 32768
    args:
      kv-cache-dtype: fp8_e4m3
      trust-remote-code: true
    env:
      PYTHONUNBUFFERED: "1"
    benchmark:
      tool: sa-bench
      isl: 1024
      osl: 1024
      concurrencies: [4, 8, 16]

    """,
  ]

  /// The fragments the exporter writes for the probe recipes.
  static func probeFragments() -> String {
    let json = ExportJSON()
    var text = ""
    for (i, source) in probeRecipes.enumerated() {
      let read = RecipeReader.read(Array(source.utf8), file: "probe-\(i).yaml")
      text +=
        EncodedObject(IndexExporter.fragment(read: read, name: "probe", json: json).members).text
    }
    return text
  }
}
