import Foundation
import TestSupport
import Testing

/// Facts the index derives (issue 16), through the built binary on this package's registry.
@Suite struct IndexFactsCLITests {
  static let repo = PackageRoot.url.path

  static func registry(_ args: [String]) throws -> Subprocess.Result {
    let r = try RegistryBinary.run(args + ["--repo", repo])
    #expect(r.status == 0, "registry \(args.joined(separator: " ")): \(r.stderr)")
    return r
  }

  /// A seed-000 layout recipe (no gpus_per_node): GB200 nodes hold 4 GPUs, 3 nodes are 12.
  @Test func gpusPerNodeComeFromTheGPUTypeWhenTheRecipeDoesNotSayThem() throws {
    let found = try Self.registry([
      "search", "--gpu", "gb200", "--min-gpus", "12", "--max-gpus", "12", "-o", "json",
    ])
    let doc = try #require(
      try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any])
    let rows = try #require(doc["recipes"] as? [[String: Any]])
    let row = try #require(
      rows.first { $0["name"] as? String == "deepseek-r1-fp8-gb200-disagg" },
      "\(rows.compactMap { $0["name"] })")
    #expect(row["gpusPerNode"] as? Int == 4)
    #expect(row["totalGPUs"] as? Int == 12)
    #expect(row["gpusPerNodeDerived"] as? Bool == true)
    // A recipe that says its GPUs per node is not marked.
    for r in rows
    where r["name"] as? String != "deepseek-r1-fp8-gb200-disagg" && r["gpusPerNodeDerived"] == nil {
      #expect(r["gpusPerNode"] != nil)
    }

    let show = try Self.registry(["show", "deepseek-r1-fp8-gb200-disagg", "--json"])
    let shown = try #require(
      try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
    let derived = try #require(shown["derived"] as? [String: Any])
    #expect(
      derived["gpusPerNode"] as? Int == 4 && derived["totalGPUs"] as? Int == 12
        && derived["gpuType"] as? String == "gb200")
    let text = try Self.registry(["show", "deepseek-r1-fp8-gb200-disagg"])
    #expect(text.stderr.contains("gpus per node: 4, derived from gpu_type gb200"), "\(text.stderr)")
  }

  /// `repo:tag@sha256:…` is pinned by digest and its tag names the version: search, stats and
  /// upgrade read it as lint does (a sglang-v1 recipe pinned only through such an image).
  @Test func aDigestPinnedImageKeepsItsTagVersion() throws {
    let name = "deepseek-v4-pro-fp4-gb200-vllm-disagg-1p1d-dep8"
    let found = try Self.registry(["search", name, "-o", "json"])
    let doc = try #require(
      try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any])
    let row = try #require(
      (doc["recipes"] as? [[String: Any]])?.first { $0["name"] as? String == name })
    #expect((row["image"] as? String)?.contains("@sha256:") == true)
    #expect(row["engineVersion"] as? String == "v0.20.0", "\(row)")
    let pinned = try Self.registry(["search", name, "--engine-version", "0.20.0", "-o", "paths"])
    #expect(pinned.stdout.contains(name + ".yaml"))
    let file = PackageRoot.path("registry/recipes/deepseek-ai/deepseek-v4-pro/vllm/\(name).yaml")
    let upgrade = try RegistryBinary.run([
      "upgrade", file, "--engine-version", "0.21.0", "--dry-run",
    ])
    #expect(upgrade.status == 0, "\(upgrade.stderr)")
    #expect(
      upgrade.stdout.contains("0.20.0 → 0.21.0") || upgrade.stderr.contains("0.20.0 → 0.21.0"),
      "\(upgrade.stdout)\n\(upgrade.stderr)")
    #expect(!(upgrade.stdout + upgrade.stderr).contains("pins no engine version"))
  }

  /// `stats` groups `0.5.8` and `v0.5.8` as one version.
  @Test func statsGroupsNormalisedVersions() throws {
    let stats = try Self.registry(["stats", "--json"])
    let doc = try #require(
      try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
    let versions = try #require(doc["byEngineVersion"] as? [String: Int])
    #expect(versions["sglang 0.5.8"] != nil)
    #expect(versions.keys.filter { $0.hasPrefix("sglang v") }.isEmpty, "\(versions.keys.sorted())")
  }
}
