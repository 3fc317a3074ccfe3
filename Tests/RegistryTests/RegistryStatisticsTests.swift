import Registry
import Schema
import Testing

/// `registry stats`' counts, from an index snapshot.
@Suite struct RegistryStatisticsTests {
  @Test func countsEveryDecodedRecipeByEachFieldAndInvalidFilesApart() throws {
    let f = try PublishFixture()
    let registry = try f.registry()
    _ = try RecipePublisher(registry: registry).publish(
      [
        f.input(PublishFixture.v2("alpha", version: "0.5.8"), file: "a.yaml"),
        f.input(
          PublishFixture.v2("beta", version: "0.5.8", model: "Qwen/Qwen3-32B"), file: "b.yaml"),
        f.input(PublishFixture.v2("gamma"), file: "c.yaml"),
        f.input("schema: v2\nname: broken\n", file: "d.yaml"),
      ], options: PublishOptions(author: f.author, force: true))
    let stats = RegistryStatistics(try registry.index(at: "HEAD").snapshot)

    #expect(stats.recipes == 3)
    #expect(stats.invalid == 1)
    #expect(stats.byGPU == ["gb200": 3])
    #expect(stats.byEngine == ["sglang": 3])
    #expect(stats.byEngineVersion == ["sglang 0.5.8": 2, "sglang 0.5.5": 1])
    #expect(stats.byModel == ["deepseek-ai/DeepSeek-R1": 2, "Qwen/Qwen3-32B": 1])
    #expect(stats.byFormat == ["v2": 3])
    #expect(stats.byTopology == ["agg": 3])
  }

  @Test func unsetFieldsCountAsUnknownAndAnUnpinnedVersionSaysSo() {
    var stats = RegistryStatistics()
    stats.add(RecipeSummary(name: "x", format: "sglang-v1"))
    #expect(stats.recipes == 1)
    #expect(stats.byGPU == ["unknown": 1])
    #expect(stats.byEngine == ["unknown": 1])
    #expect(stats.byEngineVersion == ["? unpinned": 1])
    #expect(stats.byModel == ["unknown": 1])
    #expect(stats.byTopology == ["unknown": 1])
    #expect(stats.byFormat == ["sglang-v1": 1])
  }

  @Test func rankedIsLargestFirstThenByKey() {
    let ranked = RegistryStatistics.ranked(["b": 2, "a": 2, "c": 5, "d": 1])
    #expect(ranked.map(\.key) == ["c", "a", "b", "d"])
    #expect(ranked.map(\.count) == [5, 2, 2, 1])
  }
}
