import Foundation
import Migrate
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
    Bool.random() ? Double.random(in: 0...(measured * 1.2)) : Double.random(in: (measured * 0.6)...(measured * 1.1))
  }

  @Test func killedPublishLeavesTheOldOrTheNewCommit() throws {
    guard let cli = PublishFixture.cliPath() else {
      print("skipped: the registry executable is not built next to the tests")
      return
    }
    let f = try PublishFixture()
    let repo = try f.registry().repository.gitDirectory
    let author = ["--author", "Kim Killer <kim@example.com>"]
    func file(_ name: String) throws -> String {
      let path = f.git.path("\(name).yaml")
      try PublishFixture.v2(name).write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    // Calibrate: one run, not killed.
    let start = Date()
    let first = try CLIRun.run(cli, ["publish", "--repo", repo, "-q"] + author + [try file("warmup")])
    let measured = Date().timeIntervalSince(start)
    #expect(first.status == 0, "\(first.stderr)")

    var tally = Tally()
    var debris = Set(DirectoryListing.debris(under: repo))
    for i in 0..<120 {
      let old = try f.git.git("rev-parse", "refs/heads/main", in: repo)
      let name = "killed-\(i)"
      let run = try CLIRun.run(
        cli, ["publish", "--repo", repo, "-q"] + author + [try file(name)], killAfter: Self.delay(measured))
      if !run.killed { #expect(run.status == 0, "\(run.stderr)") }
      if try Self.sweepStaleRefLock(repo) { tally.staleRefLocks += 1 }
      if Self.newDebris(repo, seen: &debris) { tally.leftTemporaryFiles += 1 }
      #expect(try f.git.git("fsck", "--strict", "--no-dangling", in: repo).isEmpty)
      let new = try f.git.git("rev-parse", "refs/heads/main", in: repo)
      if new == old {
        tally.beforeCommit += 1
        #expect(run.killed, "a finished publish must move the branch")
        continue
      }
      run.killed ? (tally.afterCommit += 1) : (tally.finished += 1)
      // The whole new commit: on the old tip, adding exactly this recipe.
      #expect(try f.git.git("rev-parse", "\(new)^", in: repo) == old)
      #expect(try f.git.gitLines("diff-tree", "-r", "--name-only", "--no-commit-id", old, new, in: repo)
        == ["recipes/deepseek-ai/deepseek-r1/sglang/\(name).yaml"])
    }
    print("publish × 120 killed at random: \(tally)")
    #expect(tally.beforeCommit > 0 && tally.afterCommit + tally.finished > 0)
  }

  @Test func killedRegistryMigrationLeavesTheOldOrTheNewCommit() throws {
    guard let cli = PublishFixture.cliPath() else {
      print("skipped: the registry executable is not built next to the tests")
      return
    }
    guard Converters.converter(for: .sglangV1) != nil else {
      print("skipped: no sglang-v1 converter is registered in this build")
      return
    }
    let f = try PublishFixture()
    let repo = f.git.path("synthetic.git")
    try SyntheticRegistry.generate(at: repo, count: 16, seed: 7, brokenEvery: 0)
    let old = try f.git.git("rev-parse", "refs/heads/main", in: repo)
    let args = ["migrate", "v1", "v2", "--repo", repo, "--author", "Kim Killer <kim@example.com>"]
    // Calibrate: one whole migration gives the tree every landed migration must have.
    let start = Date()
    let first = try CLIRun.run(cli, args)
    let measured = Date().timeIntervalSince(start)
    #expect(first.status == 0, "\(first.stderr)")
    let migratedTree = try f.git.git("rev-parse", "refs/heads/main^{tree}", in: repo)
    #expect(try f.git.gitLines("diff-tree", "-r", "--name-only", old, "refs/heads/main", in: repo).count == 8)

    var tally = Tally()
    var debris = Set(DirectoryListing.debris(under: repo))
    for _ in 0..<100 {
      try f.git.git("update-ref", "refs/heads/main", old, in: repo)
      let run = try CLIRun.run(cli, args, killAfter: Self.delay(measured))
      if !run.killed { #expect(run.status == 0, "\(run.stderr)") }
      if try Self.sweepStaleRefLock(repo) { tally.staleRefLocks += 1 }
      if Self.newDebris(repo, seen: &debris) { tally.leftTemporaryFiles += 1 }
      #expect(try f.git.git("fsck", "--strict", "--no-dangling", in: repo).isEmpty)
      let new = try f.git.git("rev-parse", "refs/heads/main", in: repo)
      if new == old {
        tally.beforeCommit += 1
        #expect(run.killed, "a finished migration must move the branch")
        continue
      }
      run.killed ? (tally.afterCommit += 1) : (tally.finished += 1)
      #expect(try f.git.git("rev-parse", "\(new)^", in: repo) == old)
      #expect(try f.git.git("rev-parse", "\(new)^{tree}", in: repo) == migratedTree)
    }
    print("registry migrate v1 v2 × 100 killed at random: \(tally)")
    #expect(tally.beforeCommit > 0 && tally.afterCommit + tally.finished > 0)
  }

  /// Kills `search` while it builds the cache, and truncates, corrupts or extends cache files
  /// at random: search keeps giving the same answer, and every cache file left is whole.
  @Test func tornOrCorruptIndexCacheIsRebuilt() throws {
    guard let cli = PublishFixture.cliPath() else {
      print("skipped: the registry executable is not built next to the tests")
      return
    }
    let f = try PublishFixture()
    let repo = f.git.path("synthetic.git")
    try SyntheticRegistry.generate(at: repo, count: 40, seed: 11)
    let cache = IndexCache(gitDirectory: repo)
    let search = ["search", "--repo", repo, "--invalid", "-o", "json"]
    let start = Date()
    let expected = try CLIRun.run(cli, search)
    let measured = Date().timeIntervalSince(start)
    #expect(expected.status == 0 && expected.stdout.contains("\"name\" : \"synthetic-38\""), "\(expected.stderr)")
    let tree = try #require(ObjectID(hex: try f.git.git("rev-parse", "refs/heads/main^{tree}", in: repo)))
    let file = cache.path(for: tree)

    var killedWhileWriting = 0
    var debris = Set<String>()
    var damages: [String: Int] = [:]
    for i in 0..<60 {
      let damage: String
      if i % 3 == 0 {
        damage = "killed search"
        try? FileManager.default.removeItem(atPath: file)
        let run = try CLIRun.run(cli, search, killAfter: Self.delay(measured))
        if Self.newDebris(cache.directory, seen: &debris) && run.killed { killedWhileWriting += 1 }
      } else {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        switch Int.random(in: 0..<4) {
        case 0:
          damage = "truncated"
          bytes.removeLast(Int.random(in: 1...bytes.count))
        case 1:
          damage = "bytes flipped"
          for _ in 0..<Int.random(in: 1...8) { bytes[Int.random(in: 0..<bytes.count)] ^= UInt8.random(in: 1...255) }
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
      let again = try CLIRun.run(cli, search)
      #expect(again.status == 0, "\(damage): \(again.stderr)")
      #expect(again.stdout == expected.stdout, "\(damage): search answered differently")
      for name in (try FileManager.default.contentsOfDirectory(atPath: cache.directory)) where name.hasSuffix(".idx") {
        #expect(throws: Never.self, "\(damage): \(name) is not whole") {
          _ = try IndexSnapshot(mapping: cache.directory + "/" + name)
        }
      }
    }
    print("index cache damaged 60 times (\(damages.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))); "
      + "\(killedWhileWriting) kills left a temporary cache file")

    // Temporary files of killed writers are swept by the next store once they are old.
    let stale = cache.directory + "/.tmp-999999-1"
    #expect(FileManager.default.createFile(atPath: stale, contents: Data([1, 2, 3])))
    let old = Date().addingTimeInterval(-(IndexCache.staleTemporaryAge + 60))
    try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: stale)
    try FileManager.default.removeItem(atPath: file)
    #expect(try CLIRun.run(cli, search).stdout == expected.stdout)
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
