import Foundation
import TestSupport
import Testing

/// `registry upgrade NAME --publish`: one commit through the publishing path, with trailers;
/// a refused upgrade commits nothing.
@Suite struct UpgradeCLITests {
  static let fixtures = PackageRoot.path("Tests/MigrateTests/Fixtures/upgrade")

  static func git(_ args: String...) throws -> String {
    let r = try Subprocess.run("/usr/bin/env", ["git"] + args)
    #expect(r.status == 0, "git \(args): \(r.stderr)")
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func upgradePublishCommitsTheV1UpgradeWithTrailers() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = dir + "/reg.git"
    let name = "deepseek-v3-fp8-h200-1p1d-sglang-0-4"
    try RemoteCLITests.registry(["init", repo, "--bare", "--author", RemoteCLITests.author])
    try RemoteCLITests.registry([
      "publish", Self.fixtures + "/sglang-v1-0.4-deepseek-v3-1p1d.yaml", "--keep-format",
      "--repo", repo, "--author", RemoteCLITests.author,
    ])
    let before = try Self.git("--git-dir", repo, "rev-parse", "main")

    let r = try RemoteCLITests.registry([
      "upgrade", name, "--engine-version", "0.5.1", "--publish", "--repo", repo,
      "--author", "Carl Upgrader <carl@example.com>", "--json",
    ])
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let commit = try #require(report["commit"] as? String)
    #expect(report["written"] as? Bool == true)
    #expect((report["changes"] as? [Any])?.count == 4)  // 2 renames, 1 drop, the pin

    // Exactly one new commit on main, by the author given, with the publish trailers.
    #expect(try Self.git("--git-dir", repo, "rev-parse", "main") == commit)
    #expect(try Self.git("--git-dir", repo, "rev-parse", "\(commit)^") == before)
    #expect(
      try Self.git("--git-dir", repo, "log", "-1", "--format=%an <%ae>", commit)
        == "Carl Upgrader <carl@example.com>")
    let message = try Self.git("--git-dir", repo, "log", "-1", "--format=%B", commit)
    #expect(message.hasPrefix("Upgrade \(name) to 0.5.1 (from 0.4.6.post5)"))
    #expect(message.contains("\nRecipe: \(name)\n"))
    #expect(message.contains("\nSchema: v1\n"))
    #expect(message.contains("\nEngine: sglang v0.5.1"))
    // Only that recipe's file changed, still v1, edited in place.
    let files = try Self.git(
      "--git-dir", repo, "diff-tree", "--no-commit-id", "--name-only", "-r", commit)
    #expect(files.split(separator: "\n").count == 1)
    let text = try Self.git("--git-dir", repo, "show", "\(commit):\(files)")
    #expect(text.contains("sglang_version: \"v0.5.1\"   # the guide's pin"))
    #expect(text.contains("    moe-a2a-backend: deepep   # all-to-all through DeepEP"))
    #expect(!text.contains("enable-ep-moe"))
    #expect(try Self.git("--git-dir", repo, "fsck", "--strict", "--no-dangling").isEmpty)
  }

  @Test func refusedUpgradePublishesNothing() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = dir + "/reg.git"
    try RemoteCLITests.registry(["init", repo, "--bare", "--author", RemoteCLITests.author])
    // --force: that fixture sets --enable-flashinfer-mla, deprecated (an error) at its own pin.
    try RemoteCLITests.registry([
      "publish", Self.fixtures + "/sglang-0.4-deepseek-v3.yaml", "--keep-format", "--force",
      "--repo", repo, "--author", RemoteCLITests.author,
    ])
    let before = try Self.git("--git-dir", repo, "rev-parse", "main")
    // 0.5.23 replaces --enable-dp-attention with a value a human picks: refused.
    let r = try RemoteCLITests.registry(
      [
        "upgrade", "deepseek-v3-fp8-h200-sglang-0-4", "--engine-version", "0.5.23",
        "--publish", "--repo", repo, "--author", RemoteCLITests.author,
      ], status: 1)
    #expect(
      r.stderr.contains("upgrade-needs-decision") || r.stdout.contains("! args.enable-dp-attention")
    )
    #expect(r.stderr.contains("nothing written"))
    #expect(try Self.git("--git-dir", repo, "rev-parse", "main") == before)
    try RemoteCLITests.registry(
      ["upgrade", "x", "--engine-version", "0.5.1", "--publish", "--dry-run"], status: 64)
  }
}
