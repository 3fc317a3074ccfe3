import Foundation
import Schema
import TestSupport
import Testing

/// Format detection against MANIFEST.tsv's `format_kind` column.
@Suite struct FormatDetectionTests {
  /// MANIFEST kinds → ours. MANIFEST's `vllm-args` rows are vllm-project's flat `--config`
  /// files, which are our `engine-config` (our `vllm-args` is seed 004's model+container+args).
  static func expected(_ e: Corpus.Entry) -> RecipeFormat {
    // Justified mismatches: srt-slurm recipes with a vllm/trtllm/mocker backend are MANIFEST
    // `other`, but they are the same srtctl v1 format.
    if e.source.hasPrefix("NVIDIA/srt-slurm") && e.path.hasPrefix("recipes/") { return .sglangV1 }
    // vllm-project/recipes model files are MANIFEST `other` (no kind of their own there); they
    // are the vllm-recipes format (issue 18).
    if e.source == "vllm-project/recipes" && e.path.hasPrefix("models/") { return .vllmRecipes }
    switch e.kind {
    case "sglang-v1": return .sglangV1
    case "vllm-args": return .engineConfig
    case "spark-template": return .spark
    case "named-field": return .namedField
    case "dynamo-dgd": return .dynamo
    default: return .unknown
    }
  }

  static let entries = Corpus.yamlEntries().filter { !$0.notes.contains("MALFORMED") }

  @Test(.requiresCorpus, arguments: entries)
  func detectsManifestKind(_ e: Corpus.Entry) throws {
    let bytes = try Corpus.bytes(e.file)
    let docs = try YAML.parseStream(bytes, limits: .default)
    let (format, reason) = RecipeFormat.detect(documents: docs)
    #expect(format.family == Self.expected(e), "\(e): detected \(format.rawValue) (\(reason))")
  }

  @Test func declaredWins() throws {
    let doc = try YAML.parse("name: x\nsglang_version: v0.5.5\n")
    #expect(RecipeFormat.detect(doc.root).format == .sglangV1)
    #expect(RecipeFormat.detect(doc.root, declared: .spark).format == .spark)
  }

  @Test func seedShapes() throws {
    let cases: [(String, RecipeFormat)] = [
      ("schema: v2\nname: x\n", .v2),
      ("model: m\ncontainer: c\nargs: {tensor-parallel-size: 2}\n", .vllmArgs),
      ("recipe_version: \"2\"\nruntime: vllm\ncommand: x\ncontainer: c\n", .sparkrun),
      ("engine:\n  llm: {tensor_parallel_size: 8}\n", .namedField),
      ("kv-cache-dtype: fp8\nmax-num-seqs: 8\n", .engineConfig),
      ("meta: {title: X}\nmodel: {model_id: o/m}\nvariants: {default: {}}\n", .vllmRecipes),
      ("model: {model_id: o/m}\nvariants: {default: {}}\n", .unknown),
      ("a: 1\n", .unknown),
    ]
    for (src, f) in cases {
      #expect(RecipeFormat.detect(try YAML.parse(src).root).format == f, "\(src)")
    }
  }
}
