import Foundation
import Migrate
import Schema
import SyntheticData
import TestSupport
import Testing

@testable import Registry

/// After a small commit the index is a delta beside its base file; what readers see through
/// base + delta is what a full rebuild gives, record for record and in the same order, after
/// every kind of change; a delta that grew past its bound is compacted into a new base; damaged
/// files are rebuilt, never trusted.
@Suite struct IndexDeltaTests {
  let dir: String
  let repoPath: String
  let signature = Signature(name: "T", email: "t@example.com", time: 1_700_000_100, offsetMinutes: 0)

  init() throws {
    dir =
      FileManager.default.temporaryDirectory.appendingPathComponent(
        "registry-delta-\(UUID().uuidString)"
      ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    repoPath = dir + "/registry.git"
    try SyntheticRegistry.generate(at: repoPath, count: 300, seed: 21, brokenEvery: 29)
  }

  // MARK: - Helpers

  /// The recipe files on main.
  func entries(_ repo: GitRepository) throws -> [BlobEntry] {
    try repo.blobEntries(inTree: try repo.tree(at: "main"), under: "recipes").filter {
      $0.path.hasSuffix(".yaml")
    }
  }

  /// Commits `changes` on main (a real libgit2 commit); returns the new tree.
  @discardableResult
  func commit(_ repo: GitRepository, _ changes: [TreeChange]) throws -> ObjectID {
    let head = try repo.resolve("main")
    let tree = try repo.updatedTree(from: try repo.commit(head).treeID, applying: changes)
    let commit = try repo.createCommit(
      tree: tree, parents: [head], author: signature, committer: signature, message: "change\n")
    try repo.updateReference("refs/heads/main", to: commit, expecting: .value(head), message: "t")
    return tree
  }

  /// A new recipe blob named `name` (GPU and engine chosen by `seed`).
  func recipe(_ repo: GitRepository, _ name: String, seed: UInt64) throws -> ObjectID {
    var gen = SyntheticRecipes(seed: seed)
    return try repo.writeBlob(gen.v2Recipe(name: name))
  }

  /// The index of `rev` built from scratch, in a cache of its own.
  func cold(_ registry: RecipeRegistry, rev: String = "main") throws -> IndexSnapshot {
    let (_, tree) = try registry.resolve(rev)
    let (config, configBlob) = try registry.config(tree: tree)
    let cache = IndexCache(gitDirectory: dir + "/cold-\(UUID().uuidString)")
    let (snapshot, build) = try RegistryIndexer(
      repositoryPath: registry.repository.gitDirectory, cache: cache
    ).snapshot(repository: registry.repository, tree: tree, root: config.root, configBlob: configBlob)
    #expect(build == .cold(read: snapshot.count))
    return snapshot
  }

  /// The index of `rev` answers like a full rebuild: the same records in the same order, and
  /// the same rows for searches (sorted by name, as printed) and name lookups.
  func expectSameAsCold(
    _ registry: RecipeRegistry, rev: String = "main", sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws -> IndexSnapshot {
    let got = try registry.index(at: rev).snapshot
    let want = try cold(registry, rev: rev)
    #expect(got.all == want.all, "records at \(rev)", sourceLocation: sourceLocation)
    for q in RegistryIndexTests.randomQueries(30).map(\.search) {
      let a = got.sortedByName(got.search(q)).map(got.recipe)
      let b = want.sortedByName(want.search(q)).map(want.recipe)
      #expect(a == b, "query \(q) at \(rev)", sourceLocation: sourceLocation)
    }
    for name in ["synthetic-0", "synthetic-7", "renamed-7", "added-1", "nothing"] {
      #expect(
        got.records(named: name).map(got.path) == want.records(named: name).map(want.path),
        sourceLocation: sourceLocation)
    }
    return got
  }

  func cacheFile(_ registry: RecipeRegistry, _ tree: ObjectID, delta: Bool) -> String {
    let cache = IndexCache(gitDirectory: registry.repository.gitDirectory)
    return delta ? cache.deltaPath(for: tree) : cache.path(for: tree)
  }

  func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  func size(_ path: String) throws -> Int {
    try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
  }

  // MARK: - Tests

  @Test func everyKindOfChangeReadsLikeAFullRebuild() throws {
    let registry = try RecipeRegistry.open(at: repoPath)
    let repo = registry.repository
    let first = try registry.index(at: "main")
    #expect(first.build == .cold(read: 300))
    let baseFile = cacheFile(registry, first.tree, delta: false)
    let files = try entries(repo)

    // Each change, then the file the next command writes: a delta over the first base.
    let steps: [(String, [TreeChange])] = [
      ("modify", [.upsert(path: files[0].path, blob: try recipe(repo, "synthetic-0", seed: 1), mode: .blob)]),
      ("add", [.upsert(path: "recipes/new/added-1.yaml", blob: try recipe(repo, "added-1", seed: 2), mode: .blob)]),
      ("delete", [.remove(path: files[3].path)]),
      (
        "rename",
        [.remove(path: files[7].path), .upsert(path: "recipes/aaa/renamed-7.yaml", blob: files[7].id, mode: .blob)]
      ),
      (
        "several",
        [
          .upsert(path: files[10].path, blob: try recipe(repo, "synthetic-10", seed: 3), mode: .blob),
          .upsert(path: files[11].path, blob: try recipe(repo, "synthetic-11", seed: 4), mode: .blob),
          .remove(path: files[12].path), .remove(path: files[0].path),
          .upsert(path: "recipes/zzz/added-2.yaml", blob: try recipe(repo, "added-2", seed: 5), mode: .blob),
          .upsert(path: "recipes/new/added-1.yaml", blob: try recipe(repo, "added-1", seed: 6), mode: .blob),
        ]
      ),
    ]
    var trees: [ObjectID] = []
    for (label, changes) in steps {
      let tree = try commit(repo, changes)
      trees.append(tree)
      let index = try registry.index(at: "main")
      guard case .incremental(let from, _) = index.build else {
        Issue.record("\(label): the index should be updated incrementally, was \(index.build)")
        continue
      }
      #expect(from == (trees.count == 1 ? first.tree : trees[trees.count - 2]), "\(label)")
      // Only a delta was written, over the first base, small beside it.
      let delta = cacheFile(registry, tree, delta: true)
      #expect(exists(delta) && !exists(cacheFile(registry, tree, delta: false)), "\(label)")
      #expect(IndexDelta.baseTree(ofFile: delta) == first.tree, "\(label)")
      #expect(try size(delta) * 10 < size(baseFile), "\(label)")
      #expect(index.snapshot.delta != nil)
      _ = try expectSameAsCold(registry)
      // Read back from the files, as the next command does.
      #expect(try RecipeRegistry.open(at: repoPath).index(at: "main").build == .cached)
    }
    // The renamed recipe is found at its new path only; the deleted and changed ones never
    // show their old records.
    let nameAt = Dictionary(uniqueKeysWithValues: first.snapshot.all.map { ($0.path, $0.summary.name) })
    let now = try registry.index(at: "main").snapshot
    let renamed = try #require(nameAt[files[7].path])
    #expect(now.records(named: renamed).map(now.path) == ["recipes/aaa/renamed-7.yaml"])
    for gone in [files[3], files[12]] {
      #expect(now.records(named: try #require(nameAt[gone.path])).isEmpty)
    }
    #expect(!now.all.contains { $0.blobID == files[10].id || $0.blobID == files[3].id })
    #expect(!now.all.contains { $0.path == files[0].path })
    // Older revs still answer from their own deltas.
    for back in 1...4 { _ = try expectSameAsCold(registry, rev: "main~\(back)") }

    // A commit changing more files than a delta holds: the next write compacts into a new base.
    let many = try files.prefix(290).enumerated().map { k, e in
      TreeChange.upsert(path: e.path, blob: try recipe(repo, "many-\(k)", seed: 100 + UInt64(k)), mode: .blob)
    }
    #expect(many.count > IndexUpdate.deltaBound(baseCount: 300))
    let compacted = try commit(repo, many)
    let index = try expectSameAsCold(registry)
    #expect(index.delta == nil && exists(cacheFile(registry, compacted, delta: false)))
    #expect(!exists(cacheFile(registry, compacted, delta: true)))
    // The next small change is a delta over the new base.
    let after = try commit(
      repo, [.upsert(path: "recipes/new/added-3.yaml", blob: try recipe(repo, "added-3", seed: 7), mode: .blob)])
    _ = try expectSameAsCold(registry)
    #expect(IndexDelta.baseTree(ofFile: cacheFile(registry, after, delta: true)) == compacted)
  }

  @Test func deltasAccumulateUntilTheBoundThenCompact() throws {
    let registry = try RecipeRegistry.open(at: repoPath)
    let repo = registry.repository
    let first = try registry.index(at: "main")
    let bound = IndexUpdate.deltaBound(baseCount: first.snapshot.count)
    // 40 new files per commit: the delta holds every change since its base, so it grows
    // until one more commit would take it past the bound.
    var compactedAt: Int?
    for round in 0..<12 {
      let changes = try (0..<40).map { k in
        TreeChange.upsert(
          path: "recipes/batch-\(round)/r-\(k).yaml",
          blob: try recipe(repo, "batch-\(round)-\(k)", seed: UInt64(round * 100 + k)), mode: .blob)
      }
      let tree = try commit(repo, changes)
      let index = try expectSameAsCold(registry)
      let changed = (round + 1) * 40
      if changed <= bound {
        #expect(index.delta?.count == changed, "round \(round)")
      } else if compactedAt == nil {
        compactedAt = round
        #expect(index.delta == nil && exists(cacheFile(registry, tree, delta: false)))
      }
    }
    #expect(compactedAt == bound / 40, "the write past the bound compacts")
  }

  @Test func damagedDeltaOrBaseIsRebuiltNotTrusted() throws {
    let registry = try RecipeRegistry.open(at: repoPath)
    let repo = registry.repository
    let first = try registry.index(at: "main")
    let files = try entries(repo)
    let tree = try commit(
      repo, [.upsert(path: files[5].path, blob: try recipe(repo, "synthetic-5", seed: 9), mode: .blob)])
    _ = try registry.index(at: "main")
    let delta = cacheFile(registry, tree, delta: true)
    let base = cacheFile(registry, first.tree, delta: false)
    let want = try cold(registry).all
    let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: delta)))
    let goodBase = [UInt8](try Data(contentsOf: URL(fileURLWithPath: base)))
    let directory = IndexCache(gitDirectory: repo.gitDirectory).directory
    let damages: [(String, String, ([UInt8]) -> [UInt8])] = [
      ("delta truncated", delta, { Array($0.prefix($0.count / 2)) }),
      ("delta byte flipped", delta, { var b = $0; b[b.count / 2] ^= 0x20; return b }),
      ("delta garbage appended", delta, { $0 + [1, 2, 3] }),
      ("delta emptied", delta, { _ in [] }),
      ("base truncated", base, { Array($0.prefix(200)) }),
      ("base footer flipped", base, { var b = $0; b[b.count - 14] ^= 1; return b }),
      ("base header flipped", base, { var b = $0; b[40] ^= 1; return b }),
    ]
    for (label, file, damage) in damages {
      // Each time from the good delta over the good base, alone in the cache.
      try FileManager.default.removeItem(atPath: directory)
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try Data(goodBase).write(to: URL(fileURLWithPath: base))
      try Data(good).write(to: URL(fileURLWithPath: delta))
      #expect(try RecipeRegistry.open(at: repoPath).index(at: "main").build == .cached, "\(label)")
      let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
      try Data(damage(bytes)).write(to: URL(fileURLWithPath: file))
      let again = try RecipeRegistry.open(at: repoPath).index(at: "main")
      #expect(again.build != .cached, "\(label)")
      #expect(again.snapshot.all == want, "\(label)")
    }
    // A delta applies only to the base it was written for.
    let other = try cold(registry, rev: "main")
    let d = try IndexDelta(storage: IndexStorage(copying: good))
    #expect(throws: IndexError.self) { try IndexSnapshot(base: other, delta: d) }
    #expect(try IndexSnapshot(base: IndexSnapshot(bytes: goodBase), delta: d).all == want)
    // A torn temporary file of a killed writer is not read.
    try Data(good.prefix(40)).write(to: URL(fileURLWithPath: IndexCache(gitDirectory: repo.gitDirectory).directory + "/.tmp-1-2"))
    #expect(try RecipeRegistry.open(at: repoPath).index(at: "main").snapshot.all == want)
  }

  @Test func aFlippedByteIsFoundInTheBlockThatHoldsIt() throws {
    let registry = try RecipeRegistry.open(at: repoPath)
    let index = try registry.index(at: "main")
    // Blocks of 1 KiB, so that the strings span blocks of their own.
    var writer = IndexWriter()
    writer.blockSize = 1024
    for r in index.snapshot.all { writer.add(r) }
    let good = writer.bytes(tree: index.tree)
    let s = try IndexSnapshot(bytes: good)
    #expect(s.all == index.snapshot.all)
    // A byte of the unique strings: opening checks the footer and the sections every command
    // scans, not this block; reading a string in it finds it.
    var bytes = good
    let at = (s.uniqueBlobStart / 1024 + 2) * 1024 + 10
    try #require(at + 1024 < s.recordsStart)
    bytes[at] ^= 0x01
    let damaged = try IndexSnapshot(bytes: bytes)
    #expect(damaged.blocks.firstBad(in: 0..<damaged.blocks.body.count) == at / 1024)
    #expect(damaged.blocks.firstBad(in: 0..<(at / 1024 * 1024)) == nil)
    #expect(throws: IndexError.checksumMismatch) { try damaged.verifyAll() }
    #expect(throws: Never.self) { try IndexSnapshot(bytes: good).verifyAll() }
    // A byte of the header, of the dictionary or of the block checksums: the file is not
    // opened.
    for offset in [20, IndexFormat.headerSize + 2, good.count - IndexFormat.footerSize - 3] {
      var b = good
      b[offset] ^= 0x40
      #expect(throws: IndexError.self, "byte \(offset)") { try IndexSnapshot(bytes: b) }
    }
    // A byte of the string offsets, the records, the name order or ranks: opening does not read
    // them, reading them finds the block (and stops the command: IndexDeltaCLITests).
    let offsets = (s.uniqueOffsetsStart + s.uniqueBlobStart) / 2
    try #require(offsets / 1024 > s.uniqueOffsetsStart / 1024 + 0)
    try #require(offsets / 1024 < (s.uniqueBlobStart - 4) / 1024)
    for offset in [offsets, s.recordsStart + 45, s.nameOrderStart + 2, s.nameRanksStart + 1] {
      var b = good
      b[offset] ^= 0x40
      let opened = try IndexSnapshot(bytes: b)
      #expect(opened.blocks.firstBad(in: 0..<opened.blocks.body.count) == offset / 1024)
    }
  }
}
