import Foundation
import Synchronization
import Migrate
import Schema
import SyntheticData
import TestSupport
import Testing

@testable import Registry

/// The delta index through the `registry` binary, as whole processes: output byte-identical to
/// a full rebuild's, processes updating the index at once, and a corrupted block.
@Suite(.serialized) struct IndexDeltaCLITests {
  let fixture: PublishFixture
  let repoPath: String
  let cli: String

  init() throws {
    cli = try PublishFixture.cli()
    fixture = try PublishFixture()
    repoPath = fixture.git.path("synthetic.git")
    try SyntheticRegistry.generate(at: repoPath, count: 120, seed: 31, brokenEvery: 23)
  }

  /// The commands whose output is compared.
  var commands: [[String]] {
    [
      ["search", "--invalid", "-o", "json"], ["search", "--gpu", "gb200"],
      ["search", "--gpu", "h200", "-o", "paths"], ["search", "synthetic-1", "--limit", "3"],
      ["list", "--invalid"], ["show", "synthetic-9"],
    ].map { $0 + ["--repo", repoPath] }
  }

  func outputs() throws -> [String] {
    try commands.map { args in
      let run = try Subprocess.run(cli, args)
      return "status \(run.status)\n\(run.stdout)"
    }
  }

  var cacheDirectory: String { IndexCache(gitDirectory: repoPath).directory }

  /// The outputs after removing the index (a full rebuild), the index left as that rebuild
  /// wrote it.
  func rebuiltOutputs() throws -> [String] {
    try FileManager.default.removeItem(atPath: cacheDirectory)
    return try outputs()
  }

  /// Commits one change on main with libgit2: round `k` modifies, adds, deletes or renames.
  func commit(_ k: Int) throws {
    let repo = try GitRepository(at: repoPath)
    let head = try repo.resolve("main")
    let base = try repo.commit(head).treeID
    let files = try repo.blobEntries(inTree: base, under: "recipes").filter {
      $0.path.hasSuffix(".yaml")
    }
    var gen = SyntheticRecipes(seed: UInt64(500 + k))
    let file = files[(k * 7) % files.count]
    let change: [TreeChange]
    switch k % 4 {
    case 0:
      let name = try #require(file.path.split(separator: "/").last?.dropLast(5))
      change = [.upsert(path: file.path, blob: try repo.writeBlob(gen.v2Recipe(name: String(name))), mode: .blob)]
    case 1:
      change = [.upsert(path: "recipes/more/extra-\(k).yaml", blob: try repo.writeBlob(gen.v2Recipe(name: "extra-\(k)")), mode: .blob)]
    case 2: change = [.remove(path: file.path)]
    default: change = [.remove(path: file.path), .upsert(path: "recipes/moved/m-\(k).yaml", blob: file.id, mode: .blob)]
    }
    let tree = try repo.updatedTree(from: base, applying: change)
    let commit = try repo.createCommit(
      tree: tree, parents: [head], author: fixture.author, committer: fixture.author, message: "c\(k)\n")
    try repo.updateReference("refs/heads/main", to: commit, expecting: .value(head), message: "t")
  }

  @Test func outputThroughADeltaIsByteIdenticalToAFullRebuild() throws {
    _ = try outputs()  // the base
    for k in 0..<6 {
      try commit(k)
      let throughDelta = try outputs()
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: cacheDirectory).contains { $0.hasSuffix(".dlt") },
        "round \(k): a delta was written")
      let rebuilt = try rebuiltOutputs()
      for (c, (a, b)) in zip(commands, zip(throughDelta, rebuilt)) {
        #expect(a == b, "round \(k): \(c.prefix(4).joined(separator: " "))")
      }
      #expect(throughDelta[0].contains("\"name\" : \"synthetic-"))
    }
  }

  @Test func processesUpdatingAtOnceLeaveWholeFiles() throws {
    _ = try outputs()
    let search = ["search", "--invalid", "-o", "json", "--repo", repoPath]
    for k in 0..<8 {
      try commit(k)
      // Four processes find the cache missing and write the same index at once.
      let runs = Mutex<[Subprocess.Result]>([])
      let binary = cli
      DispatchQueue.concurrentPerform(iterations: 4) { _ in
        if let run = try? Subprocess.run(binary, search) { runs.withLock { $0.append(run) } }
      }
      let results = runs.withLock { $0 }
      #expect(results.count == 4 && results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
      #expect(Set(results.map(\.stdout)).count == 1, "round \(k): the processes answered alike")
      try expectWholeCacheFiles("round \(k)")
      let after = try Subprocess.run(cli, search)
      #expect(after.stdout == results.first?.stdout)
      let rebuilt = try rebuiltOutputs()
      #expect("status 0\n" + after.stdout == rebuilt[0], "round \(k): as a full rebuild")
    }
  }

  /// Every cache file left loads whole.
  func expectWholeCacheFiles(_ label: String) throws {
    for name in try FileManager.default.contentsOfDirectory(atPath: cacheDirectory) {
      let path = cacheDirectory + "/" + name
      if name.hasSuffix(".idx") {
        #expect(throws: Never.self, "\(label): \(name)") { _ = try IndexSnapshot(mapping: path) }
      } else if name.hasSuffix(".dlt") {
        #expect(throws: Never.self, "\(label): \(name)") { _ = try IndexDelta(mapping: path) }
      }
    }
  }

  @Test func aKilledCompactionLeavesAUsableIndex() throws {
    let search = ["search", "--invalid", "-o", "json", "--repo", repoPath]
    let base = try Subprocess.run(cli, search)
    #expect(base.status == 0)
    let baseTree = try GitRepository(at: repoPath).tree(at: "main")
    let baseFile = IndexCache(gitDirectory: repoPath).path(for: baseTree)
    // A commit adding more files than a delta holds: the next command compacts.
    let repo = try GitRepository(at: repoPath)
    let head = try repo.resolve("main")
    var gen = SyntheticRecipes(seed: 77)
    let changes = try (0..<300).map { k in
      TreeChange.upsert(path: "recipes/bulk/b-\(k).yaml", blob: try repo.writeBlob(gen.v2Recipe(name: "bulk-\(k)")), mode: .blob)
    }
    #expect(changes.count > IndexUpdate.deltaBound(baseCount: 120))
    let tree = try repo.updatedTree(from: try repo.commit(head).treeID, applying: changes)
    let commit = try repo.createCommit(
      tree: tree, parents: [head], author: fixture.author, committer: fixture.author, message: "bulk\n")
    try repo.updateReference("refs/heads/main", to: commit, expecting: .value(head), message: "t")
    let start = Date()
    let expected = try Subprocess.run(cli, search)
    let measured = Date().timeIntervalSince(start)
    #expect(expected.status == 0 && expected.stdout.contains("bulk-299"))
    let compacted = IndexCache(gitDirectory: repoPath).path(for: tree)
    #expect(FileManager.default.fileExists(atPath: compacted))
    var killed = 0
    for round in 0..<16 {
      try? FileManager.default.removeItem(atPath: compacted)
      let run = try Subprocess.run(cli, search, killAfter: CrashSafetyTests.delay(measured))
      if run.killed { killed += 1 }
      try expectWholeCacheFiles("round \(round)")
      #expect(FileManager.default.fileExists(atPath: baseFile), "round \(round): the base is kept")
      let again = try Subprocess.run(cli, search)
      #expect(again.status == 0 && again.stdout == expected.stdout, "round \(round)")
    }
    print("compaction killed at random in \(killed) of 16 runs")
    #expect(killed > 0)
  }

  @Test(arguments: ["strings", "records"])
  func aCorruptedBlockStopsTheCommandThenItIsRebuilt(section: String) throws {
    // Enough recipes for the strings and the records to fill blocks of their own.
    let large = fixture.git.path("large.git")
    try SyntheticRegistry.generate(at: large, count: 3_000, seed: 3, brokenEvery: 0)
    let tree = try GitRepository(at: large).tree(at: "main")
    let file = IndexCache(gitDirectory: large).path(for: tree)
    let search = ["search", "--invalid", "-o", "json", "--repo", large]
    let expectedSearch = try Subprocess.run(cli, search)
    let snapshot = try #require(try IndexSnapshot(mapping: file))
    // The record in the middle: a byte of its name (every row prints names) or of its record
    // (every search scans them), in a block that opening does not check. `show` reads both.
    let i = snapshot.count / 2
    let name = snapshot.name(i)
    let at =
      section == "strings"
      ? try #require(snapshot.uniqueSpan(snapshot.nameID(i))).baseAddress! - snapshot.raw.baseAddress!
      : snapshot.recordsStart + i * IndexFormat.recordSize + IndexFormat.blobOffset
    let block = IndexFormat.blockSize
    try #require(at / block > (snapshot.uniqueBlobStart - 4) / block)
    let commands = [search, ["show", name, "--repo", large]]
    let expected = [expectedSearch, try Subprocess.run(cli, commands[1])]
    #expect(expected.allSatisfy { $0.status == 0 })
    let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
    for (command, want) in zip(commands, expected) {
      var bytes = good
      bytes[at] ^= 0x01
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      let damaged = try Subprocess.run(cli, command)
      let label = "\(section), \(command[0])"
      #expect(damaged.status == IndexCorruption.exitStatus, "\(label): \(damaged.stderr)")
      #expect(damaged.stderr.contains("the index cache is corrupted (block"), "\(label)")
      #expect(damaged.stderr.contains("hint: the file has been removed"), "\(label)")
      #expect(want.stdout.hasPrefix(damaged.stdout), "\(label): no wrong row printed")
      let again = try Subprocess.run(cli, command)
      #expect(again.status == 0 && again.stdout == want.stdout, "\(label)")
    }
  }
}
