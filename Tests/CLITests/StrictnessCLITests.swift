import Foundation
import TestSupport
import Testing

/// Strictness where CI needs it (issue 16): a v1 `prefil_nodes` typo is a warning; `--strict`
/// makes validate and lint fail on it, and publish refuses it without `--allow-warnings`.
@Suite struct StrictnessCLITests {
  /// The reference v1 recipe with `prefill_nodes` misspelt.
  static func typo(in dir: String) throws -> String {
    let source = try String(
      contentsOfFile: PackageRoot.path(
        "registry/recipes/deepseek-ai/deepseek-r1/sglang/deepseek-r1-fp8-gb200-disagg.yaml"),
      encoding: .utf8)
    let text = source.replacingOccurrences(of: "  prefill_nodes: 1", with: "  prefil_nodes: 1")
    #expect(text != source)
    let file = dir + "/typo.yaml"
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    return file
  }

  @Test func strictValidateAndLintFailOnWarnings() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = try Self.typo(in: dir)
    let plain = try RegistryBinary.run(["validate", file])
    #expect(
      plain.status == 0 && plain.stderr.contains("unknown key 'prefil_nodes'"), "\(plain.stderr)")
    let strict = try RegistryBinary.run(["validate", "--strict", file])
    #expect(strict.status == 1, "\(strict.stderr)")
    #expect(strict.stderr.contains("unknown key 'prefil_nodes'"))
    let json = try RegistryBinary.run(["validate", "--strict", "--json", file])
    #expect(json.status == 1 && json.stdout.contains("\"warnings\" : 1"), "\(json.stdout)")
    #expect(try RegistryBinary.run(["lint", file]).status == 0)
    #expect(try RegistryBinary.run(["lint", "--strict", file]).status == 1)
  }

  @Test func publishRefusesUnknownKeysUnlessAllowed() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = try Self.typo(in: dir)
    let repo = dir + "/reg.git"
    try RemoteCLITests.registry(["init", repo, "--bare", "--author", RemoteCLITests.author])
    let refused = try RegistryBinary.run([
      "publish", file, "--repo", repo, "--author", RemoteCLITests.author,
    ])
    #expect(refused.status == 1, "\(refused.stderr)")
    #expect(
      refused.stderr.contains("unknown key 'prefil_nodes'")
        && refused.stderr.contains("--allow-warnings"), "\(refused.stderr)")
    let list = try RegistryBinary.run(["list", "--repo", repo, "-o", "paths"])
    #expect(!list.stdout.contains("deepseek-r1-fp8-gb200-disagg"))
    let allowed = try RegistryBinary.run([
      "publish", file, "--repo", repo, "--author", RemoteCLITests.author, "--allow-warnings",
    ])
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(
      try RegistryBinary.run(["list", "--repo", repo, "-o", "paths"]).stdout.contains(
        "deepseek-r1-fp8-gb200-disagg"))
  }
}
