import Foundation
import Registry
import Schema
import TestSupport
import Testing

@testable import RegistryCLI

/// `search` and `list` print rows read in place from the index (``IndexRows``): the same
/// bytes as rows built from the index (`RecipeRow`) through the general paths — JSONEncoder
/// for `-o json`, a table of `String` cells for the table — for rows with every field, none,
/// non-ASCII and escaped text, and invalid recipes with their errors (`--invalid`).
@Suite struct RecipeRowsTests {
  /// Recipe files by path under the registry root: every field, few fields, non-ASCII and
  /// escaped text, a combining accent, derived GPUs per node, an invalid file.
  static let files: [(path: String, text: String)] = [
    (
      "every-field.yaml",
      """
      schema: v2
      name: every-field
      status: functional
      model: {path: deepseek-ai/DeepSeek-R1, precision: fp8}
      engine: {name: sglang, version: "0.5.5", image: "lmsysorg/sglang:v0.5.5-cu130"}
      resources: {gpu_type: gb200, gpus_per_node: 4}
      topology:
        prefill: {nodes: 1, workers: 1}
        decode: {nodes: 2, workers: 1}
      serving: {tensor_parallel_size: 4}

      """
    ),
    (
      "few/minimal.yaml",
      """
      schema: v2
      name: minimal
      model: {path: Qwen/Qwen3-1.7B}
      engine: {name: vllm}
      topology: {aggregated: {nodes: 1, workers: 1}}

      """
    ),
    (
      "ü/modèle-😀.yaml",
      """
      schema: v2
      name: modèle-ü-日本
      model: {path: 'org/Modèle "q" \\ back/😀', precision: bf16}
      engine: {name: vllm, version: "0.17.0"}
      resources: {gpu_type: gb200}
      topology: {aggregated: {nodes: 2, workers: 1}}

      """
    ),
    (
      "accent.yaml",
      """
      schema: v2
      name: "cafe\\u0301"
      model: {path: "mode\\u0300l/x"}
      engine: {name: sglang, version: "0.5.5"}
      resources: {gpu_type: h200, gpus_per_node: 8}
      topology: {aggregated: {nodes: 1, workers: 1}}

      """
    ),
    (
      "ü/bad-engine.yaml",
      """
      schema: v2
      name: bad-engine
      model: {path: Qwen/Qwen3-1.7B}
      engine: {name: sglong}
      topology: {aggregated: {nodes: 1, workers: 1}}

      """
    ),
  ]

  /// A git work tree holding `files` under `recipes/`, committed.
  static func registry(in dir: String) throws -> String {
    let repo = dir + "/reg"
    for file in files {
      let path = repo + "/recipes/" + file.path
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try file.text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    try "root: recipes\n".write(toFile: repo + "/registry.yaml", atomically: true, encoding: .utf8)
    for args in [
      ["init", "-q"], ["add", "-A"],
      ["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "recipes"],
    ] {
      let r = try Subprocess.run("/usr/bin/env", ["git", "-C", repo] + args)
      #expect(r.status == 0, "git \(args): \(r.stderr)")
    }
    return repo
  }

  /// Runs `body` with a new registry of `files` (removed after).
  static func withRegistry(_ body: (String) throws -> Void) throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try body(try registry(in: dir))
  }

  /// The registry's rows built one by one from its index (`RecipeRow`), by name; with
  /// `invalid`, the invalid ones too, with their errors.
  static func builtRows(_ repo: String, invalid: Bool) throws -> (RegistryIndex, [RecipeRow]) {
    let index = try RecipeRegistry.open(at: repo).index()
    let s = index.snapshot
    let records = (0..<s.count).filter { invalid || !s.isInvalid($0) }
    let rows = records.map { RecipeRow(s, $0, withErrors: invalid) }
    return (index, rows.sorted { $0.name < $1.name })
  }

  @Test("search -o json: JSONEncoder's bytes for the rows built from the index")
  func jsonIsTheEncodersForBuiltRows() throws {
    try Self.withRegistry { repo in
      for invalid in [false, true] {
        let (index, rows) = try Self.builtRows(repo, invalid: invalid)
        #expect(rows.count == (invalid ? 5 : 4))
        #expect(rows.contains { $0.errors?.isEmpty == false } == invalid)
        let list = RecipeList(
          registry: try RecipeRegistry.open(at: repo).path, commit: index.commit.hex,
          count: rows.count, recipes: rows)
        let run = InProcessCommandTests.run(
          ["search", "-o", "json", "--repo", repo] + (invalid ? ["--invalid"] : []))
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == (try JSONOutput.encode(list)) + "\n")
      }
    }
  }

  /// The ENGINE cell as the table spells it: `engine@version`, the engine alone, or `-`.
  static func engineText(_ e: CatalogEntry) -> String {
    guard let engine = e.engine else { return "-" }
    return e.engineVersion.map { "\(engine)@\($0)" } ?? engine
  }

  /// The GPU cell: `gpu × total`, or the GPU alone (`?` when unknown).
  static func gpuText(_ e: CatalogEntry) -> String {
    let g = e.gpuType ?? "?"
    return e.totalGPUs.map { "\(g) × \($0)" } ?? g
  }

  @Test("search prints the table of the rows built from the index, as String cells")
  func tableIsTheStringTableOfBuiltRows() throws {
    try Self.withRegistry { repo in
      let (_, rows) = try Self.builtRows(repo, invalid: true)
      let table = Table(
        headers: ["NAME", "MODEL", "ENGINE", "GPU", "TOPOLOGY", "PRECISION"],
        rows: rows.map { r in
          [
            r.name + (r.valid ? "" : " (invalid)"), r.model ?? "-", Self.engineText(r.entry),
            Self.gpuText(r.entry), r.topology ?? "-", r.precision ?? "-",
          ]
        })
      let run = InProcessCommandTests.run(["search", "--invalid", "--repo", repo])
      #expect(run.status == 0, "\(run)")
      #expect(run.stdout == table.render(width: nil, color: false).text + "\n")
      #expect(run.stdout.contains("cafe\u{301}  "))
      #expect(run.stdout.contains("bad-engine (invalid)"))
    }
  }

  @Test("list and a sorted search print the same rows as the general encoder, in their order")
  func listAndSortedSearch() throws {
    try Self.withRegistry { repo in
      let (index, rows) = try Self.builtRows(repo, invalid: false)
      let path = try RecipeRegistry.open(at: repo).path
      func expected(_ rows: [RecipeRow]) throws -> String {
        try JSONOutput.encode(
          RecipeList(registry: path, commit: index.commit.hex, count: rows.count, recipes: rows))
          + "\n"
      }
      let list = InProcessCommandTests.run(["list", "-o", "json", "--repo", repo])
      #expect(list.stdout == (try expected(rows.sorted { $0.path < $1.path })))
      let byGPUs = InProcessCommandTests.run([
        "search", "--sort", "gpus", "-o", "json", "--repo", repo,
      ])
      #expect(byGPUs.stdout == (try expected(rows.sorted(by: Search.SortKey.gpus.order))))
      let paths = InProcessCommandTests.run(["search", "-o", "paths", "--repo", repo])
      #expect(paths.stdout == rows.map { $0.path + "\n" }.joined())
    }
  }
}
