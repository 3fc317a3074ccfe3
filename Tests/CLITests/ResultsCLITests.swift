import Foundation
import TestSupport
import Testing

/// `registry results add` and `registry results` through the built binary: each importer's
/// fixture lands as records the table shows, errors are located with a hint and exit by kind.
@Suite struct ResultsCLITests {
  static let fixtures = PackageRoot.path("Tests/ResultsTests/Fixtures")
  static let author = ["--author", "Ada <ada@example.com>"]

  /// A registry with the v2 sample recipe `demo` (gb200, 4 GPUs).
  static func registry() throws -> String {
    let dir = try RegistryBinary.temporaryDirectory()
    let reg = dir + "/reg"
    let initialized = try RegistryBinary.run(["init", reg] + author)
    try #require(initialized.status == 0, "\(initialized.stderr)")
    let file = dir + "/demo.yaml"
    try SampleRecipes.v2("demo").write(toFile: file, atomically: true, encoding: .utf8)
    let published = try RegistryBinary.run(["publish", file, "--repo", reg] + author)
    try #require(published.status == 0, "\(published.stderr)")
    return reg
  }

  @Test func everyImporterFixtureIsStoredAndListed() throws {
    let reg = try Self.registry()
    let files = [
      "sglang-bench_serving.handwritten.jsonl", "vllm-bench-serve.handwritten.json",
      "results_concurrency_8_gpus_16_ctx_8_gen_8.sa-bench.handwritten.json",
      "aiperf-profile_export_aiperf.handwritten.json",
      "genai-perf-profile_export_genai_perf.handwritten.json", "llama-benchy.generated.json",
    ].map { Self.fixtures + "/" + $0 }
    let add = try RegistryBinary.run(
      ["results", "add", "demo"] + files + ["--repo", reg, "--cluster", "lab"] + Self.author)
    #expect(add.status == 0, "\(add.stderr)")
    #expect(add.stdout.hasPrefix("added 8 results for demo in "))
    let again = try RegistryBinary.run(
      ["results", "add", "demo", files[0], "--repo", reg] + Self.author)
    #expect(again.stdout.hasPrefix("nothing new"))

    let json = try RegistryBinary.run(["results", "demo", "--repo", reg, "--json"])
    #expect(json.status == 0, "\(json.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let records = try #require(object?["records"] as? [[String: Any]])
    let tools = Set(records.compactMap { ($0["run"] as? [String: Any])?["tool"] as? String })
    #expect(tools == ["sglang", "vllm", "sa-bench", "aiperf", "genai-perf", "llama-benchy"])

    let table = try RegistryBinary.run(["results", "demo", "--repo", reg])
    let rows = table.stdout.split(separator: "\n").dropFirst()
    #expect(rows.count == 8)
    let concurrencies = rows.compactMap { $0.split(separator: " ").first.flatMap { Int($0) } }
    #expect(concurrencies == [1, 4, 4, 8, 8, 16, 32, 32])
  }

  @Test func aRunThatGeneratedNothingIsRejectedWithItsLocation() throws {
    let reg = try Self.registry()
    let file = Self.fixtures + "/sglang-zero-output.handwritten.jsonl"
    let r = try RegistryBinary.run(["results", "add", "demo", file, "--repo", reg] + Self.author)
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("error: \(file):2:"), "\(r.stderr)")
    #expect(r.stderr.contains("zero output tokens"))
    #expect(r.stderr.contains("\n  hint: "))
    let listed = try RegistryBinary.run(["results", "demo", "--repo", reg])
    #expect(listed.stderr.contains("demo has no stored results"))
  }

  @Test func anUnknownRecipeExitsNotFound() throws {
    let reg = try Self.registry()
    let file = Self.fixtures + "/vllm-bench-serve.handwritten.json"
    let r = try RegistryBinary.run(["results", "add", "demi", file, "--repo", reg] + Self.author)
    #expect(r.status == 3)
    #expect(r.stderr.contains("demo"), "\(r.stderr)")
    let show = try RegistryBinary.run(["results", "demi", "--repo", reg])
    #expect(show.status == 3)
  }

  @Test func helpTeachesTheFormats() throws {
    let r = try RegistryBinary.run(["results", "add", "--help"])
    #expect(r.status == 0)
    for word in ["sglang", "vllm", "sa-bench", "aiperf", "genai-perf", "llama-benchy", "Examples:"]
    {
      #expect(r.stdout.contains(word), "\(word)")
    }
  }
}

/// `search --sort throughput-per-gpu --at-ttft`.
@Suite struct ResultsSearchCLITests {
  @Test func searchRanksByStoredResults() throws {
    let reg = try ResultsCLITests.registry()
    let dir = try RegistryBinary.temporaryDirectory()
    let other = dir + "/other.yaml"
    try SampleRecipes.v2("other").write(toFile: other, atomically: true, encoding: .utf8)
    _ = try RegistryBinary.run(["publish", other, "--repo", reg] + ResultsCLITests.author)
    let third = dir + "/third.yaml"
    try SampleRecipes.v2("third").write(toFile: third, atomically: true, encoding: .utf8)
    _ = try RegistryBinary.run(["publish", third, "--repo", reg] + ResultsCLITests.author)
    let f = ResultsCLITests.fixtures
    // demo: sglang, best 470.25/4 tok/s/GPU at c8 (TTFT mean 240 ms), 250.5/4 at c4 (180 ms).
    // other: vLLM, 1650/4 at c16 (TTFT mean 95 ms). third: no results.
    for (name, file) in [
      ("demo", "sglang-bench_serving.handwritten.jsonl"),
      ("other", "vllm-bench-serve.handwritten.json"),
    ] {
      let r = try RegistryBinary.run(
        ["results", "add", name, f + "/" + file, "--repo", reg] + ResultsCLITests.author)
      try #require(r.status == 0, "\(r.stderr)")
    }
    func names(_ extra: [String]) throws -> [String] {
      let r = try RegistryBinary.run(
        ["search", "--repo", reg, "--sort", "throughput-per-gpu", "-o", "paths"] + extra)
      #expect(r.status == 0, "\(r.stderr)")
      return r.stdout.split(separator: "\n").map {
        String($0.split(separator: "/").last!.dropLast(5))
      }
    }
    #expect(try names([]) == ["other", "demo", "third"])
    #expect(try names(["--at-ttft", "<90ms"]) == ["demo", "other", "third"])
    let table = try RegistryBinary.run(
      ["search", "--repo", reg, "--sort", "throughput-per-gpu", "--at-ttft", "<200ms"])
    #expect(table.stderr.contains("ranked by best output tokens/s per GPU at TTFT mean < 200 ms"))
    #expect(table.stderr.contains("demo: 62.63 tok/s/GPU at concurrency 4, TTFT mean 180 ms"))
    let usage = try RegistryBinary.run(["search", "--repo", reg, "--at-ttft", "<2s"])
    #expect(usage.status == 64)
    #expect(usage.stderr.contains("add --sort throughput-per-gpu"))
  }
}

/// `history NAME --results`: which pin made the recipe slower.
@Suite struct ResultsHistoryCLITests {
  @Test func historyShowsTheSlowerPin() throws {
    let reg = try ResultsCLITests.registry()
    let f = ResultsCLITests.fixtures
    let author = ResultsCLITests.author
    // At 0.5.5: vLLM's 1650 tok/s on 4 GPUs; after the pin to 0.5.6: SGLang's best 470.25.
    var r = try RegistryBinary.run(
      ["results", "add", "demo", f + "/vllm-bench-serve.handwritten.json", "--repo", reg] + author)
    try #require(r.status == 0, "\(r.stderr)")
    r = try RegistryBinary.run(
      ["pin", "demo", "--engine-version", "0.5.6", "--repo", reg] + author)
    try #require(r.status == 0, "\(r.stderr)")
    r = try RegistryBinary.run(
      ["results", "add", "demo", f + "/sglang-bench_serving.handwritten.jsonl", "--repo", reg]
        + author)
    try #require(r.status == 0, "\(r.stderr)")

    let table = try RegistryBinary.run(["history", "demo", "--results", "--repo", reg])
    #expect(table.status == 0, "\(table.stderr)")
    let lines = table.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(
      lines[1].contains("0.5.5") && lines[1].contains("412.5") && lines[1].contains("c16 412.5"))
    #expect(lines[2].contains("0.5.6") && lines[2].contains("117.56"))
    #expect(lines[2].contains("-71.5% slower"))

    let json = try RegistryBinary.run(["history", "demo", "--results", "--repo", reg, "--json"])
    let entries = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
    #expect(entries?.compactMap { $0["engine_version"] as? String } == ["0.5.5", "0.5.6"])
    let bad = try RegistryBinary.run(
      ["history", "demo", "--results", "--field", "engine.version", "--repo", reg])
    #expect(bad.status == 64)
  }
}

/// `compare A B`: the keys that differ side by side, results last.
@Suite struct CompareCLITests {
  @Test func compareShowsDifferingKeysAndResults() throws {
    let reg = try ResultsCLITests.registry()
    let dir = try RegistryBinary.temporaryDirectory()
    let other = dir + "/other.yaml"
    let text = SampleRecipes.v2("other", version: "0.5.6")
      .replacingOccurrences(of: "tensor_parallel_size: 4", with: "tensor_parallel_size: 2")
    try text.write(toFile: other, atomically: true, encoding: .utf8)
    _ = try RegistryBinary.run(["publish", other, "--repo", reg] + ResultsCLITests.author)
    let add = try RegistryBinary.run(
      [
        "results", "add", "demo",
        ResultsCLITests.fixtures + "/sglang-bench_serving.handwritten.jsonl", "--repo", reg,
      ] + ResultsCLITests.author)
    try #require(add.status == 0, "\(add.stderr)")

    let r = try RegistryBinary.run(["compare", "demo", "other", "--repo", reg, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    let rows = try #require(object?["rows"] as? [[String: Any]])
    let byKey = Dictionary(
      rows.map { ($0["key"] as? String ?? "", ($0["a"] as? String, $0["b"] as? String)) },
      uniquingKeysWith: { x, _ in x })
    #expect(byKey["engine.version"].map { [$0.0, $0.1] } == ["0.5.5", "0.5.6"])
    #expect(byKey["serving.tensor_parallel_size"].map { [$0.0, $0.1] } == ["4", "2"])
    #expect(byKey["model.path"] == nil)  // the same in both: left out without --all
    #expect(byKey["results.c8"]?.0 == "117.56 tok/s/GPU, TTFT 240 ms")
    #expect(byKey["results.c8"]?.1 == nil)
    #expect(rows.last?["key"] as? String == "results.c8")

    let all = try RegistryBinary.run(["compare", "demo", "other", "--repo", reg, "--all"])
    #expect(all.stdout.contains("model.path"))
    let missing = try RegistryBinary.run(["compare", "demo", "nope", "--repo", reg])
    #expect(missing.status == 3)
  }
}
