import Foundation
import Schema
import TestSupport
import Testing

@testable import Registry

/// GPUs per node derived from the GPU type (spec/facts/gpus-per-node.tsv, overridable in
/// registry.yaml), stored in the index with a mark.
@Suite struct DerivedGPUsTests {
  static let v1 = """
    name: "derived-gpus"
    sglang_version: "v0.5.5.post2"
    model:
      path: "deepseek-ai/DeepSeek-R1"
      precision: "fp8"
    resources:
      gpu_type: "GB200"
      prefill_nodes: 1
      decode_nodes: 2
      prefill_workers: 1
      decode_workers: 2

    """

  @Test func standardTableHasTheIssuesFigures() {
    let t = GPUsPerNode.standard
    #expect(
      ["gb200", "gb300", "h100", "h200", "b200", "b300", "gb10"].map { t.count(for: $0) } == [
        4, 4, 8, 8, 8, 8, 1,
      ])
    #expect(t.count(for: "H100") == 8)
    #expect(t.count(for: "mi300x") == nil)
  }

  @Test func theIndexDerivesMarksAndTakesTheRegistrysOverride() throws {
    let f = try PublishFixture()
    let registry = try f.registry("work", bare: false)
    let dir = try #require(registry.repository.workingDirectory)
    try f.git.git("checkout", "-q", "-f", "main", in: dir)
    try f.git.write("recipes/a/derived.yaml", Self.v1, in: dir)
    try f.git.write("recipes/a/stated.yaml", PublishFixture.v2("stated"), in: dir)
    try f.git.commitAll("add", in: dir)
    let s = try registry.index().snapshot
    let derived = try #require((0..<s.count).first { s.name($0) == "derived-gpus" })
    #expect(
      s.gpusPerNode(derived) == 4 && s.totalGPUs(derived) == 12 && s.gpusPerNodeDerived(derived))
    let stated = try #require((0..<s.count).first { s.name($0) == "stated" })
    #expect(s.gpusPerNode(stated) == 4 && !s.gpusPerNodeDerived(stated))
    #expect(
      s.search(
        {
          var q = SearchQuery()
          q.minGPUs = 12
          q.maxGPUs = 12
          return q
        }()
      ).map(s.name) == ["derived-gpus"])

    // registry.yaml overrides a row: the next index (registry.yaml changed) uses it.
    try f.git.write("registry.yaml", "root: recipes\ngpus_per_node: {gb200: 2}\n", in: dir)
    try f.git.commitAll("override", in: dir)
    let t = try registry.index().snapshot
    let again = try #require((0..<t.count).first { t.name($0) == "derived-gpus" })
    #expect(t.gpusPerNode(again) == 2 && t.totalGPUs(again) == 6 && t.gpusPerNodeDerived(again))
  }

  /// A lookup by name (from the index) and a locked lookup (the pinned blob, no index) carry
  /// the same derived summary: the registry's table at the recipe's commit.
  @Test func lookupsCarryTheSummaryWithDerivedGPUs() throws {
    let f = try PublishFixture()
    let registry = try f.registry("work", bare: false)
    let dir = try #require(registry.repository.workingDirectory)
    try f.git.git("checkout", "-q", "-f", "main", in: dir)
    try f.git.write("registry.yaml", "root: recipes\ngpus_per_node: {gb200: 2}\n", in: dir)
    try f.git.write("recipes/a/derived.yaml", Self.v1, in: dir)
    try f.git.commitAll("add with an override", in: dir)
    let byName = try registry.recipe(named: "derived-gpus")
    #expect(byName.summary.gpusPerNodeDerived && byName.summary.gpusPerNode == 2)
    #expect(byName.summary.totalGPUs == 6)
    let lock = try RegistryLock.make(registry, names: ["derived-gpus"])
    // The override is gone at HEAD; the locked blob still reads with its commit's table.
    try f.git.write("registry.yaml", "root: recipes\n", in: dir)
    try f.git.commitAll("drop the override", in: dir)
    let locked = try lock.resolve("derived-gpus", in: registry)
    #expect(locked.summary == byName.summary)
    #expect(try registry.recipe(named: "derived-gpus").summary.gpusPerNode == 4)
  }
}
