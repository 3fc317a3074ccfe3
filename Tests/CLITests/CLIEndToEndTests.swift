import Foundation
import TestSupport
import Testing

/// Runs the built `registry` binary and checks stdout, stderr and the exit status.
@Suite struct CLIEndToEndTests {
  static let invalid = PackageRoot.path("Tests/SchemaTests/Fixtures/v1/invalid")
  static let seed = PackageRoot.path("spec/v1/examples/seed-000.yaml")

  @Test func validateBrokenFixtureExitsOneWithCompilerStyleLine() throws {
    let file = Self.invalid + "/missing-name.yaml"
    let r = try RegistryBinary.run(["validate", "--color", "never", file])
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(lines.first == "\(file):1:1: error: missing required key 'name' [name]", "\(r.stderr)")
    #expect(lines.contains("  hint: a short unique recipe name, e.g. deepseek-r1-fp8-gb200-disagg"))
    #expect(lines.last == "1 file, 1 error, 0 warnings")
  }

  @Test func validateValidFileAndJSON() throws {
    let ok = try RegistryBinary.run(["validate", Self.seed])
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stderr == "1 file, 0 errors, 0 warnings\n")
    let json = try RegistryBinary.run([
      "validate", "--json", Self.invalid + "/negative-node-count.yaml",
    ])
    #expect(json.status == 1)
    let obj = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let summary = obj?["summary"] as? [String: Any]
    #expect(summary?["errors"] as? Int == 1)
  }

  @Test func usageErrorsExit64() throws {
    let r = try RegistryBinary.run(["validate", "--schema", "v3", Self.seed])
    #expect(r.status == 64)
    #expect(r.stderr.contains("--schema must be v1, v2 or auto"))
    let m = try RegistryBinary.run(["migrate", "v1", "v3", Self.seed])
    #expect(m.status == 64)
  }

  @Test func convertToV2AndBack() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    let r = try RegistryBinary.run([
      "convert", "--to", "v2", Self.seed, "-o", dir + "/seed.v2.yaml", "--verify",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let v2 = try String(contentsOfFile: dir + "/seed.v2.yaml", encoding: .utf8)
    #expect(v2.hasPrefix("schema: v2\n"))
    #expect(v2.contains("source_format: sglang-v1"))
    let back = try RegistryBinary.run(["convert", "--to", "sglang-v1", dir + "/seed.v2.yaml"])
    #expect(back.status == 0, "\(back.stderr)")
    #expect(back.stdout.contains("sglang_version: v0.5.5.post2"))
    #expect(back.stdout.contains("# Seed 000 layout"))
  }

  @Test func convertWithLossExitsOneUnlessAllowed() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    let file = dir + "/t.yaml"
    try """
    schema: v2
    name: t
    description: v2 only
    model: {path: m}
    engine: {name: sglang}
    topology: {aggregated: {nodes: 1, workers: 1}}
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let r = try RegistryBinary.run(["convert", "--color", "never", "--to", "sglang-v1", file])
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr.contains(
        "error: cannot express description = v2 only: v1 has no description [description]"),
      "\(r.stderr)")
    let ok = try RegistryBinary.run(["convert", "--to", "sglang-v1", "--allow-loss", file])
    #expect(ok.status == 0)
    #expect(ok.stdout.contains("agg_nodes: 1"))
    #expect(ok.stderr.contains("warning: cannot express description"))
  }

  @Test func migrateDryRunPrintsADiffAndWritesNothing() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    let file = dir + "/seed.yaml"
    try FileManager.default.copyItem(atPath: Self.seed, toPath: file)
    let before = try String(contentsOfFile: file, encoding: .utf8)
    let r = try RegistryBinary.run(["migrate", "v1", "v2", "--dry-run", dir])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("--- \(file)\n+++ \(file) (migrated)\n@@ "), "\(r.stdout)")
    #expect(r.stdout.contains("\n+schema: v2\n"))
    #expect(try String(contentsOfFile: file, encoding: .utf8) == before)
    // In place, then back with --verify.
    #expect(try RegistryBinary.run(["migrate", "v1", "v2", "--in-place", file]).status == 0)
    #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("schema: v2"))
    let back = try RegistryBinary.run(["migrate", "v2", "v1", "--in-place", "--verify", file])
    #expect(back.status == 0, "\(back.stderr)")
    let again = try RegistryBinary.run(["validate", "--schema", "v1", file])
    #expect(again.status == 0, "\(again.stderr)")
  }

  @Test func formatsJSON() throws {
    let r = try RegistryBinary.run(["formats", "--json"])
    #expect(r.status == 0)
    let list = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
    let ids = list?.compactMap { $0["id"] as? String } ?? []
    #expect(ids.contains("sglang-v1") && ids.contains("v2") && ids.contains("dynamo"))
    #expect(list?.first { $0["id"] as? String == "sglang-v1" }?["hasConverter"] as? Bool == true)
  }

  @Test func schemaShowPrintsTheEmbeddedSpecFromAnyDirectory() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try RegistryBinary.path())
    p.arguments = ["schema", "show", "v2"]
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let spec = try String(contentsOfFile: PackageRoot.path("spec/v2/schema.yaml"), encoding: .utf8)
    #expect(String(decoding: data, as: UTF8.self) == spec)
  }
}
