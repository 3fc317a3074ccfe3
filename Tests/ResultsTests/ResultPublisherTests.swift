import Foundation
import Registry
import Results
import Synchronization
import TestSupport
import Testing

/// `results add` through the library: records land in `results/NAME/` in one commit through
/// the recipes' compare-and-swap path, read back with ``ResultStore``.
@Suite struct ResultPublisherTests {
  static let author = Signature(name: "Ada Author", email: "ada@example.com", time: 1_765_000_000)

  /// A bare registry holding one v2 recipe, `demo` (gb200, 4 GPUs).
  static func registry(in dir: URL) throws -> RecipeRegistry {
    let registry = try RecipeRegistry.initialize(
      at: dir.appendingPathComponent("reg.git").path, bare: true, author: author)
    _ = try RecipePublisher(registry: registry).publish(
      [RecipePublisher.Input(file: "demo.yaml", bytes: Array(SampleRecipes.v2("demo").utf8))],
      options: PublishOptions(author: author))
    return registry
  }

  static func input(_ name: String) throws -> ResultPublisher.Input {
    ResultPublisher.Input(file: name, bytes: try ResultFixtures.bytes(name))
  }

  @Test func addStoresEveryFixtureAndStoreReadsThemBack() throws {
    let dir = try ResultFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let registry = try Self.registry(in: dir)
    let before = try registry.resolve("HEAD").commit
    let recipe = try registry.recipe(named: "demo")
    var facts = RunFacts()
    facts.cluster = "lab"
    let report = try ResultPublisher(registry: registry).add(
      recipe: "demo", inputs: try ResultFixtures.accepted.map { try Self.input($0.file) },
      facts: facts, author: Self.author)
    let commit = try #require(report.commit)
    #expect(report.records.count == 8)
    #expect(report.unchanged.isEmpty)
    #expect(try registry.resolve("HEAD").commit == commit)

    let stored = try ResultStore(registry: registry).records(of: "demo")
    #expect(stored.map(\.record) == report.records.map(\.record))
    #expect(stored.allSatisfy { $0.path.hasPrefix("results/demo/") })
    for s in stored {
      let r = s.record
      #expect(r.recipe == .init(name: "demo", blob: recipe.blobID.hex, commit: before.hex))
      #expect(r.engine.name == "sglang" && r.engine.version == "0.5.5")
      #expect(r.run.cluster == "lab")
      #expect(r.run.by == "Ada Author <ada@example.com>")
      #expect(r.source.path?.hasPrefix("results/demo/raw/") == true)
    }
    // GPUs: the recipe's 4, except sa-bench's file name, which says 16.
    let sa = try #require(stored.first { $0.record.run.tool == "sa-bench" }).record
    #expect(sa.hardware.gpus == 16)
    #expect(sa.figures.outputTokensPerSPerGPU == 3120.0 / 16)
    let sg = try #require(stored.first { $0.record.run.tool == "sglang" }).record
    #expect(sg.hardware.gpus == 4)
    #expect(sg.figures.outputTokensPerSPerGPU == 250.5 / 4)
    #expect(sg.hardware.gpuType == "gb200")
    // The raw file is kept byte for byte.
    let raw = try #require(sg.source.blob)
    #expect(
      try registry.repository.blob(try #require(ObjectID(hex: raw)))
        == (try ResultFixtures.bytes("sglang-bench_serving.handwritten.jsonl")))
  }

  @Test func addingTheSameFileAgainChangesNothing() throws {
    let dir = try ResultFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let registry = try Self.registry(in: dir)
    let publisher = ResultPublisher(registry: registry)
    let file = "vllm-bench-serve.handwritten.json"
    let first = try publisher.add(
      recipe: "demo", inputs: [try Self.input(file)], facts: RunFacts(), author: Self.author)
    let again = try publisher.add(
      recipe: "demo", inputs: [try Self.input(file)], facts: RunFacts(), author: Self.author)
    #expect(first.commit != nil)
    #expect(again.commit == nil)
    #expect(again.unchanged == first.records.map(\.path))
    #expect(try registry.resolve("HEAD").commit == first.commit)
  }

  @Test func aRejectedFileWritesNothing() throws {
    let dir = try ResultFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let registry = try Self.registry(in: dir)
    let tip = try registry.resolve("HEAD").commit
    #expect(throws: ResultError.self) {
      try ResultPublisher(registry: registry).add(
        recipe: "demo",
        inputs: [
          try Self.input("vllm-bench-serve.handwritten.json"),
          try Self.input("sglang-zero-output.handwritten.jsonl"),
        ], facts: RunFacts(), author: Self.author)
    }
    #expect(try registry.resolve("HEAD").commit == tip)
  }

  @Test func anUnknownRecipeIsNotFound() throws {
    let dir = try ResultFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let registry = try Self.registry(in: dir)
    let error = try #require(throws: RegistryError.self) {
      try ResultPublisher(registry: registry).add(
        recipe: "demi", inputs: [try Self.input("vllm-bench-serve.handwritten.json")],
        facts: RunFacts(), author: Self.author)
    }
    #expect(error.kind == .notFound)
    #expect(error.description.contains("demo"))  // did you mean
  }

  @Test func concurrentAddsAllLand() throws {
    let dir = try ResultFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try Self.registry(in: dir).path
    let files = ResultFixtures.accepted.map(\.file)
    let failures = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: files.count) { i in
      do {
        let registry = try RecipeRegistry.open(at: path)
        _ = try ResultPublisher(registry: registry).add(
          recipe: "demo", inputs: [try Self.input(files[i])], facts: RunFacts(),
          author: Self.author)
      } catch {
        failures.withLock { $0.append("\(files[i]): \(error)") }
      }
    }
    #expect(failures.withLock { $0 }.isEmpty)
    let stored = try ResultStore(registry: try RecipeRegistry.open(at: path)).records(of: "demo")
    #expect(stored.count == 8)
  }

  @Test func resultsSitBesideTheRecipeFolder() {
    #expect(ResultPaths.root(recipeRoot: "recipes") == "results")
    #expect(ResultPaths.root(recipeRoot: "registry/recipes") == "registry/results")
    #expect(ResultPaths.root(recipeRoot: ".") == "results")
  }
}
