import Foundation
import Results
import TestSupport

/// The result files under `Tests/ResultsTests/Fixtures` (README there says where each comes
/// from).
enum ResultFixtures {
  static let directory = PackageRoot.path("Tests/ResultsTests/Fixtures")

  static func path(_ name: String) -> String { directory + "/" + name }

  static func bytes(_ name: String) throws -> [UInt8] { try Fixtures.bytes(path(name)) }

  /// Every fixture a run measured something in, with the importer it should be read by and
  /// the workload points in it.
  static let accepted: [(file: String, format: ResultFormat, points: Int)] = [
    ("sglang-bench_serving.handwritten.jsonl", .sglang, 2),
    ("vllm-bench-serve.handwritten.json", .vllm, 1),
    ("results_concurrency_8_gpus_16_ctx_8_gen_8.sa-bench.handwritten.json", .saBench, 1),
    ("aiperf-profile_export_aiperf.handwritten.json", .aiperf, 1),
    ("genai-perf-profile_export_genai_perf.handwritten.json", .genaiPerf, 1),
    ("llama-benchy.generated.json", .llamaBenchy, 2),
  ]

  /// A temporary directory, removed by the caller.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "results-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
