import Foundation
import TestSupport
import Testing

/// A real srt-slurm recipe may write a key twice (srtctl reads it with PyYAML: the last one
/// wins). Committed with plain git into a registry, it lists, searches, lints and shows as a
/// valid recipe with a warning naming both places, as `validate` reads it.
@Suite struct RepeatedKeyCLITests {
  static let recipe = """
    name: fx-repeated
    model:
      path: deepseek-ai/DeepSeek-R1
      precision: fp8
      container: lmsysorg/sglang:v0.5.5
    resources:
      gpu_type: gb200
      gpus_per_node: 4
      agg_nodes: 1
      agg_workers: 1
    backend:
      sglang_config:
        aggregated:
          moe-runner-backend: triton
          tensor-parallel-size: 4
          moe-runner-backend: flashinfer_trtllm

    """

  @Test func committedWithGitItIsReadAsValidatesReadsIt() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let made = try WorkTreeCLITests.sh("registry init reg", in: dir)
    #expect(made.status == 0, "\(made.stderr)")
    try FileManager.default.createDirectory(
      atPath: dir + "/reg/recipes/deepseek-ai/deepseek-r1/sglang", withIntermediateDirectories: true
    )
    try Self.recipe.write(
      toFile: dir + "/reg/recipes/deepseek-ai/deepseek-r1/sglang/fx-repeated.yaml",
      atomically: true, encoding: .utf8)
    let committed = try WorkTreeCLITests.sh(
      "cd reg && git add -A && git commit -q -m 'add fx-repeated'", in: dir)
    #expect(committed.status == 0, "\(committed.stderr)")

    let invalid = try WorkTreeCLITests.sh("cd reg && registry list --invalid -o paths", in: dir)
    #expect(!invalid.stdout.contains("fx-repeated"), "listed as invalid:\n\(invalid.stdout)")
    let found = try WorkTreeCLITests.sh("cd reg && registry search --gpu gb200 -o paths", in: dir)
    #expect(
      found.status == 0 && found.stdout.contains("fx-repeated"), "\(found.stdout)\(found.stderr)")

    let lint = try WorkTreeCLITests.sh("cd reg && registry lint fx-repeated --json", in: dir)
    #expect(lint.stdout.contains("repeated-key"), "\(lint.stdout)\(lint.stderr)")
    #expect(!lint.stdout.contains("duplicate-key"), "\(lint.stdout)")
    let strict = try WorkTreeCLITests.sh("cd reg && registry lint fx-repeated --strict", in: dir)
    #expect(strict.status != 0, "--strict turns the warning into a failure")

    let shown = try WorkTreeCLITests.sh("cd reg && registry show fx-repeated --as v2", in: dir)
    #expect(shown.status == 0, "\(shown.stderr)")
    #expect(
      shown.stdout.contains("moe-runner-backend: flashinfer_trtllm")
        && !shown.stdout.contains("triton"), "the last value wins:\n\(shown.stdout)")
  }
}
