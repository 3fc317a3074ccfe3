import Foundation
import Migrate
import SyntheticData
import TestSupport
import Testing

@testable import Registry

/// SIGKILL at random moments: `registry publish`, the registry-wide `registry migrate v1 v2`
/// and `registry search` (which writes the index cache). After every kill, `git fsck --strict`
/// is clean and the branch is at the old commit or at the whole new one, never between; a torn
/// or corrupt index cache is rebuilt and search answers as before.
@Suite(.serialized) struct CrashSafetyTests {
  /// How the kills landed, printed by each test.
  struct Tally: CustomStringConvertible {
    var beforeCommit = 0, afterCommit = 0, finished = 0, leftTemporaryFiles = 0, staleRefLocks = 0
    var description: String {
      "\(beforeCommit) kills before the commit, \(afterCommit) after it, \(finished) runs finished first; "
        + "\(leftTemporaryFiles) kills left temporary files, \(staleRefLocks) a stale ref lock"
    }
  }

  /// A random kill delay: half uniform over [0, 1.2 × the measured run time], so kills spread
  /// over process start, reading, object writes, the ref update and the exit; half over
  /// [0.6, 1.1] × that time, where the writes happen.
  static func delay(_ measured: Double) -> Double {
    Bool.random()
      ? Double.random(in: 0...(measured * 1.2))
      : Double.random(in: (measured * 0.6)...(measured * 1.1))
  }

  @Test func killedPublishLeavesTheOldOrTheNewCommit() throws {
    let cli = try PublishFixture.cli()
    let f = try PublishFixture()
    let repo = try f.registry().repository.gitDirectory
    func publish(_ name: String) throws -> [String] {
      let path = f.git.path("\(name).yaml")
      try PublishFixture.v2(name).write(toFile: path, atomically: true, encoding: .utf8)
      return ["publish", "--repo", repo, "-q", "--author", "Kim Killer <kim@example.com>", path]
    }
    let tally = try Self.killLoop(
      cli: cli, repo: f.git, at: repo, runs: 120,
      measured: try Self.timed(cli, try publish("warmup")),
      arguments: { try publish("killed-\($0)") }
    ) { old, new, i throws in
      // The whole new commit: on the old tip, adding exactly this recipe.
      #expect(
        try f.git.gitLines("diff-tree", "-r", "--name-only", "--no-commit-id", old, new, in: repo)
          == ["recipes/deepseek-ai/deepseek-r1/sglang/killed-\(i).yaml"])
    }
    print("publish × 120 killed at random: \(tally)")
  }

  @Test(.requiresV1Converter)
  func killedRegistryMigrationLeavesTheOldOrTheNewCommit() throws {
    let cli = try PublishFixture.cli()
    let f = try PublishFixture()
    let repo = f.git.path("synthetic.git")
    try SyntheticRegistry.generate(at: repo, count: 16, seed: 7, brokenEvery: 0)
    let start = try f.git.git("rev-parse", "refs/heads/main", in: repo)
    let migrate = [
      "migrate", "v1", "v2", "--repo", repo, "--author", "Kim Killer <kim@example.com>",
    ]
    // The tree every landed migration must have (all runs migrate the same registry).
    let measured = try Self.timed(cli, migrate)
    let migratedTree = try f.git.git("rev-parse", "refs/heads/main^{tree}", in: repo)
    let tally = try Self.killLoop(
      cli: cli, repo: f.git, at: repo, runs: 100, measured: measured,
      arguments: { _ in
        try f.git.git("update-ref", "refs/heads/main", start, in: repo)
        return migrate
      }
    ) { old, new, _ throws in
      #expect(try f.git.git("rev-parse", "\(new)^{tree}", in: repo) == migratedTree)
      #expect(try f.git.gitLines("diff-tree", "-r", "--name-only", old, new, in: repo).count == 8)
    }
    print("registry migrate v1 v2 × 100 killed at random: \(tally)")
  }

  /// How long one run takes, not killed (it must succeed).
  static func timed(_ cli: String, _ arguments: [String]) throws -> Double {
    let start = Date()
    let run = try Subprocess.run(cli, arguments)
    #expect(run.status == 0, "\(run.stderr)")
    return Date().timeIntervalSince(start)
  }

  /// Runs the CLI `runs` times, each SIGKILLed after a random delay (``delay(_:)`` of
  /// `measured`, the time of a whole run). After each: a stale ref lock is counted and removed
  /// (as a user would, told so by the error), `git fsck --strict` must be clean, and the branch
  /// must be at the old tip or at a new commit on it, which `checkNew(old, new, run)` checks.
  static func killLoop(
    cli: String, repo git: GitFixture, at repo: String, runs: Int, measured: Double,
    arguments: (Int) throws -> [String], checkNew: (String, String, Int) throws -> Void
  ) throws -> Tally {
    var tally = Tally()
    var debris = Set(DirectoryListing.debris(under: repo))
    // The machine's load changes during the loop: a finished run resets the estimate, and
    // every 4th kill in a row before the commit stretches it.
    var measured = measured
    var streak = 0
    for i in 0..<runs {
      let args = try arguments(i)
      let old = try git.git("rev-parse", "refs/heads/main", in: repo)
      let start = Date()
      let run = try Subprocess.run(cli, args, killAfter: Self.delay(measured))
      if !run.killed { measured = Date().timeIntervalSince(start) }
      if !run.killed { #expect(run.status == 0, "\(run.stderr)") }
      if try Self.sweepStaleRefLock(repo) { tally.staleRefLocks += 1 }
      if Self.newDebris(repo, seen: &debris) { tally.leftTemporaryFiles += 1 }
      #expect(try git.git("fsck", "--strict", "--no-dangling", in: repo).isEmpty)
      let new = try git.git("rev-parse", "refs/heads/main", in: repo)
      if new == old {
        tally.beforeCommit += 1
        #expect(run.killed, "a run that finished must move the branch")
        streak += 1
        if streak % 4 == 0 { measured *= 1.25 }
        continue
      }
      streak = 0
      run.killed ? (tally.afterCommit += 1) : (tally.finished += 1)
      #expect(try git.git("rev-parse", "\(new)^", in: repo) == old)
      try checkNew(old, new, i)
    }
    #expect(tally.beforeCommit > 0 && tally.afterCommit + tally.finished > 0)
    return tally
  }

  /// Kills `search` while it builds the cache, and truncates, corrupts or extends cache files
  /// at random: search keeps giving the same answer, and every cache file left is whole.
  @Test func tornOrCorruptIndexCacheIsRebuilt() throws {
    let cli = try PublishFixture.cli()
    let f = try PublishFixture()
    let repo = f.git.path("synthetic.git")
    try SyntheticRegistry.generate(at: repo, count: 40, seed: 11)
    let cache = IndexCache(gitDirectory: repo)
    let search = ["search", "--repo", repo, "--invalid", "-o", "json"]
    let measured = try Self.timed(cli, search)
    let expected = try Subprocess.run(cli, search)
    #expect(
      expected.status == 0 && expected.stdout.contains("\"name\" : \"synthetic-38\""),
      "\(expected.stderr)")
    let tree = try #require(
      ObjectID(hex: try f.git.git("rev-parse", "refs/heads/main^{tree}", in: repo)))
    let file = cache.path(for: tree)

    var killedWhileWriting = 0
    var debris = Set<String>()
    var damages: [String: Int] = [:]
    for i in 0..<60 {
      let damage: String
      if i % 3 == 0 {
        damage = "killed search"
        try? FileManager.default.removeItem(atPath: file)
        let run = try Subprocess.run(cli, search, killAfter: Self.delay(measured))
        if Self.newDebris(cache.directory, seen: &debris) && run.killed { killedWhileWriting += 1 }
      } else {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        switch Int.random(in: 0..<4) {
        case 0:
          damage = "truncated"
          bytes.removeLast(Int.random(in: 1...bytes.count))
        case 1:
          damage = "bytes flipped"
          for _ in 0..<Int.random(in: 1...8) {
            bytes[Int.random(in: 0..<bytes.count)] ^= UInt8.random(in: 1...255)
          }
        case 2:
          damage = "garbage appended"
          bytes += (0..<Int.random(in: 1...64)).map { _ in UInt8.random(in: 0...255) }
        default:
          damage = "zero-filled"
          let from = Int.random(in: 0..<bytes.count)
          for k in from..<min(bytes.count, from + Int.random(in: 1...256)) { bytes[k] = 0 }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
      }
      damages[damage, default: 0] += 1
      let again = try Subprocess.run(cli, search)
      #expect(again.status == 0, "\(damage): \(again.stderr)")
      #expect(again.stdout == expected.stdout, "\(damage): search answered differently")
      for name in (try FileManager.default.contentsOfDirectory(atPath: cache.directory))
      where name.hasSuffix(".idx") {
        #expect(throws: Never.self, "\(damage): \(name) is not whole") {
          _ = try IndexSnapshot(mapping: cache.directory + "/" + name)
        }
      }
    }
    print(
      "index cache damaged 60 times (\(damages.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))); "
        + "\(killedWhileWriting) kills left a temporary cache file")

    // Temporary files of killed writers are swept by the next store once they are old: the
    // ones the kills above left, and one of a writer that no longer runs.
    let stale = cache.directory + "/.tmp-999999-1"
    #expect(FileManager.default.createFile(atPath: stale, contents: Data([1, 2, 3])))
    let old = Date().addingTimeInterval(-(IndexCache.staleTemporaryAge + 60))
    for name in DirectoryListing.debris(under: cache.directory) {
      try FileManager.default.setAttributes(
        [.modificationDate: old], ofItemAtPath: cache.directory + "/" + name)
    }
    try FileManager.default.removeItem(atPath: file)
    #expect(try Subprocess.run(cli, search).stdout == expected.stdout)
    #expect(DirectoryListing.debris(under: cache.directory).isEmpty)
  }

  /// Whether temporary files not in `seen` appeared below `repo` (they are added to `seen`).
  static func newDebris(_ repo: String, seen: inout Set<String>) -> Bool {
    let now = Set(DirectoryListing.debris(under: repo))
    defer { seen.formUnion(now) }
    return !now.subtracting(seen).isEmpty
  }

  /// Removes a `refs/heads/main.lock` left by a kill (as a user would, told so by the error);
  /// returns whether there was one.
  static func sweepStaleRefLock(_ repo: String) throws -> Bool {
    let lock = repo + "/refs/heads/main.lock"
    guard FileManager.default.fileExists(atPath: lock) else { return false }
    try FileManager.default.removeItem(atPath: lock)
    return true
  }
}
