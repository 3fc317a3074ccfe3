import Foundation
import TestSupport
import Testing

/// Scoped names across registries (`@team/NAME` in search, show and plan) and `--locked`
/// reads (show and plan), through the built binary on throwaway registries.
@Suite struct RemoteCLITests {
  static let author = "Ada Author <ada@example.com>"

  /// Runs the binary and expects `status`.
  @discardableResult
  static func registry(
    _ args: [String], status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Subprocess.Result {
    let r = try RegistryBinary.run(args)
    #expect(
      r.status == status, "registry \(args.joined(separator: " ")): \(r.stderr)",
      sourceLocation: sourceLocation)
    return r
  }

  /// Publishes `SampleRecipes.v2(name, version)` into the registry at `repo`.
  static func publish(
    _ name: String, version: String, in repo: String, dir: String, replace: Bool = false
  ) throws {
    let file = dir + "/\(name)-\(version).yaml"
    try SampleRecipes.v2(name, version: version).write(
      toFile: file, atomically: true, encoding: .utf8)
    try registry(
      ["publish", file, "--repo", repo, "--author", author] + (replace ? ["--replace"] : []))
  }

  @Test func scopedNamesSearchShowAndPlanAcrossRegistries() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let team = dir + "/team.git"
    let mine = dir + "/mine.git"
    try Self.registry(["init", team, "--bare", "--author", Self.author])
    try Self.registry(["init", mine, "--bare", "--author", Self.author])
    try Self.publish("deepseek-r1-fp8-team", version: "0.5.5", in: team, dir: dir)
    try Self.publish("deepseek-r1-fp8-mine", version: "0.5.5", in: mine, dir: dir)
    try Self.registry(["remote", "add", "team", "file://" + team, "--repo", mine])

    // This registry alone, then every registry: the remote's recipe is named @team/NAME.
    let local = try Self.registry(["search", "deepseek", "--repo", mine, "-o", "paths"])
    #expect(local.stdout.split(separator: "\n").count == 1)
    let all = try Self.registry([
      "search", "deepseek", "--all-registries", "--repo", mine, "-o", "json",
    ])
    let doc = try #require(
      try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
    let rows = try #require(doc["recipes"] as? [[String: Any]])
    #expect(
      Set(rows.compactMap { $0["name"] as? String }) == [
        "deepseek-r1-fp8-mine", "@team/deepseek-r1-fp8-team",
      ])
    #expect(
      rows.first { $0["name"] as? String == "@team/deepseek-r1-fp8-team" }?["scope"] as? String
        == "team")
    let scoped = try Self.registry(["search", "--scope", "team", "--repo", mine])
    #expect(scoped.stdout.contains("@team/deepseek-r1-fp8-team"))
    #expect(!scoped.stdout.contains("deepseek-r1-fp8-mine"))
    let unknown = try Self.registry(["search", "--scope", "nobody", "--repo", mine], status: 1)
    #expect(unknown.stderr.contains("registry remote add nobody URL"))

    // show and plan take the scoped name as search printed it.
    let show = try Self.registry(["show", "@team/deepseek-r1-fp8-team", "--repo", mine])
    #expect(show.stdout.contains("name: deepseek-r1-fp8-team"))
    let plan = try Self.registry([
      "plan", "@team/deepseek-r1-fp8-team", "--repo", mine, "--target", "shell",
    ])
    #expect(plan.stdout.contains("sglang.launch_server"))
    // A name that exists only in the remote is not found unscoped.
    try Self.registry(["plan", "deepseek-r1-fp8-team", "--repo", mine], status: 3)
  }

  @Test func lintTakesScopedNamesAndLockedBlobsAsShowAndPlanDo() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let team = dir + "/team.git"
    let mine = dir + "/mine.git"
    let lockFile = dir + "/registry.lock"
    try Self.registry(["init", team, "--bare", "--author", Self.author])
    try Self.registry(["init", mine, "--bare", "--author", Self.author])
    try Self.publish("deepseek-r1-fp8-team", version: "0.5.5", in: team, dir: dir)
    try Self.publish("deepseek-r1-fp8-mine", version: "0.5.5", in: mine, dir: dir)
    try Self.registry(["remote", "add", "team", "file://" + team, "--repo", mine])

    // @SCOPE/NAME reads the remote's recipe, as show and plan do.
    let scoped = try Self.registry(["lint", "@team/deepseek-r1-fp8-team", "--repo", mine, "--json"])
    #expect(scoped.stdout.contains("deepseek-r1-fp8-team.yaml"))

    // --locked lints the locked blob, not the tip.
    try Self.registry(["lock", "deepseek-r1-fp8-mine", "--file", lockFile, "--repo", mine])
    try Self.publish("deepseek-r1-fp8-mine", version: "0.5.9", in: mine, dir: dir, replace: true)
    let locked = try Self.registry([
      "lint", "deepseek-r1-fp8-mine", "--locked", "--lock-file", lockFile, "--repo", mine, "--json",
    ])
    #expect(locked.stdout.contains("\"checkedVersion\" : \"0.5.5\""))
    let tip = try Self.registry(["lint", "deepseek-r1-fp8-mine", "--repo", mine, "--json"])
    #expect(tip.stdout.contains("\"checkedVersion\" : \"0.5.9\""))
    // A name the lock lacks fails as it does for show and plan; a file is not a locked name.
    try Self.registry(
      ["lint", "other", "--locked", "--lock-file", lockFile, "--repo", mine], status: 3)
    try Self.registry(
      ["lint", lockFile, "--locked", "--lock-file", lockFile, "--repo", mine], status: 64)
  }

  @Test func planLockedReadsTheLockedBlobAndFailsLoudlyWhenItIsGone() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = dir + "/reg.git"
    let lockFile = dir + "/registry.lock"
    try Self.registry(["init", repo, "--bare", "--author", Self.author])
    try Self.publish("locked-recipe", version: "0.5.5", in: repo, dir: dir)
    try Self.registry(["lock", "locked-recipe", "--file", lockFile, "--repo", repo])
    let lock = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: lockFile)))
        as? [String: Any])
    let entry = try #require((lock["recipes"] as? [[String: Any]])?.first)
    let blob = try #require(entry["blob"] as? String)
    try Self.publish("locked-recipe", version: "0.5.9", in: repo, dir: dir, replace: true)

    // The registry moved on; --locked plans (and shows) the locked blob, without it the tip.
    let locked = try Self.registry([
      "plan", "locked-recipe", "--locked", "--lock-file", lockFile, "--repo", repo, "--json",
    ])
    #expect(locked.stdout.contains(blob))
    #expect(locked.stdout.contains("lmsysorg/sglang:v0.5.5-cu130"))
    let tip = try Self.registry(["plan", "locked-recipe", "--repo", repo, "--json"])
    #expect(!tip.stdout.contains(blob))
    #expect(tip.stdout.contains("lmsysorg/sglang:v0.5.9-cu130"))
    let show = try Self.registry([
      "show", "locked-recipe", "--locked", "--lock-file", lockFile, "--repo", repo,
    ])
    #expect(show.stdout.contains("image: lmsysorg/sglang:v0.5.5-cu130"))

    // A rev contradicts the lock; a name the lock lacks says how to lock it.
    try Self.registry(
      ["plan", "locked-recipe@HEAD~1", "--locked", "--lock-file", lockFile, "--repo", repo],
      status: 64)
    let notLocked = try Self.registry(
      ["plan", "other", "--locked", "--lock-file", lockFile, "--repo", repo], status: 3)
    #expect(notLocked.stderr.contains("registry lock other"))

    // The locked blob is unreachable: the error names the entry, the blob and what to do.
    let gone = String(repeating: "e", count: 40)
    let text = try String(contentsOfFile: lockFile, encoding: .utf8).replacingOccurrences(
      of: blob, with: gone)
    try text.write(toFile: lockFile, atomically: true, encoding: .utf8)
    for command in ["plan", "show"] {
      let r = try Self.registry(
        [command, "locked-recipe", "--locked", "--lock-file", lockFile, "--repo", repo], status: 3)
      #expect(r.stdout.isEmpty)
      #expect(r.stderr.contains("LOCKED RECIPE UNREACHABLE"))
      #expect(r.stderr.contains("\(lockFile) entry 'locked-recipe' pins blob \(gone)"))
      #expect(r.stderr.contains("hint: fetch the history it came from"))
      #expect(r.stderr.contains("'registry lock locked-recipe'"))
    }
  }
}
