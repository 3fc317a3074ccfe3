import Engines
import Foundation
import Migrate
import Schema
import SyntheticData
import TestSupport
import Testing

@testable import Registry

/// Publishing through commits: bare repos, CAS under concurrency, conflicts, names, pins.
@Suite(.serialized) struct PublishTests {
  @Test func publishIntoBareRepository() throws {
    let f = try PublishFixture()
    let registry = try f.registry()
    #expect(registry.repository.isBare)
    let report = try RecipePublisher(registry: registry).publish(
      [
        f.input(PublishFixture.v2("alpha")),
        f.input(PublishFixture.v2("beta", model: "Qwen/Qwen3-32B"), file: "b.yaml"),
      ],
      options: PublishOptions(author: f.author))
    #expect(
      report.recipes.map(\.path) == [
        "recipes/deepseek-ai/deepseek-r1/sglang/alpha.yaml",
        "recipes/qwen/qwen3-32b/sglang/beta.yaml",
      ])
    let commit = try registry.repository.commit(report.outcome.commit)
    #expect(commit.parentIDs == [try #require(report.outcome.parent)])
    let trailers = CommitTrailers.parse(commit.message)
    #expect(trailers.values("Recipe") == ["alpha", "beta"])
    #expect(trailers.values("Schema") == ["v2", "v2"])
    #expect(trailers.values("Engine") == ["sglang 0.5.5", "sglang 0.5.5"])
    #expect(trailers.values("GPU") == ["gb200", "gb200"])
    let found = try registry.recipe(named: "alpha")
    #expect(
      String(decoding: found.bytes, as: UTF8.self).contains("# pinned after the nightly regression")
    )
    #expect(
      try f.git.git("fsck", "--strict", "--no-dangling", in: registry.repository.gitDirectory)
        .isEmpty)
    // Publishing the same name again needs --replace.
    #expect(throws: PublishError.self) {
      try RecipePublisher(registry: registry).publish(
        [f.input(PublishFixture.v2("alpha", version: "0.5.8"))],
        options: PublishOptions(author: f.author))
    }
    let again = try RecipePublisher(registry: registry).publish(
      [f.input(PublishFixture.v2("alpha", version: "0.5.8"))],
      options: PublishOptions(author: f.author, replace: true))
    #expect(again.replaced == ["alpha"])
  }

  /// The checked-out branch's files follow it (issue 16); local changes elsewhere are kept.
  @Test func nonBareWorkTreeFollowsTheBranchAndKeepsUnrelatedLocalChanges() throws {
    let f = try PublishFixture()
    let registry = try f.registry("work", bare: false)
    let dir = try #require(registry.repository.workingDirectory)
    try f.git.write("registry.yaml", "root: recipes\n# local edit, not committed\n", in: dir)
    try f.git.write("notes.txt", "untracked\n", in: dir)
    let before = try f.git.git("status", "--porcelain", in: dir)
    _ = try RecipePublisher(registry: registry).publish(
      [f.input(PublishFixture.v2("gamma"))], options: PublishOptions(author: f.author))
    #expect(try f.git.git("status", "--porcelain", in: dir).contains(" M registry.yaml"))
    #expect(
      try String(contentsOfFile: dir + "/registry.yaml", encoding: .utf8).contains("local edit"))
    #expect(
      FileManager.default.fileExists(
        atPath: dir + "/recipes/deepseek-ai/deepseek-r1/sglang/gamma.yaml"))
    #expect(try f.git.git("status", "--porcelain", in: dir) == before)
    #expect(before.contains("notes.txt"))
    #expect(try f.git.git("log", "--format=%s", "-1", in: dir) == "Publish gamma")
  }

  @Test func invalidFilesAndUnsafeNamesAreRefused() throws {
    let f = try PublishFixture()
    let registry = try f.registry()
    let publisher = RecipePublisher(registry: registry)
    #expect(throws: PublishError.self) {
      try publisher.publish(
        [f.input("schema: v2\nname: broken\n")], options: PublishOptions(author: f.author))
    }
    for bad in ["../evil", "a/b", "x\u{7}y", "..", "-rf"] {
      #expect(RecipeName.problem(bad) != nil, "\(bad)")
    }
    #expect(RecipeName.problem("deepseek-r1-fp8_v2.1") == nil)
    #expect(throws: PublishError.self) {
      try publisher.publish(
        [f.input(PublishFixture.v2("a..b"))], options: PublishOptions(author: f.author))
    }
    #expect(try registry.repository.commits(from: "main").count == 1)
  }

  /// Two writers start from the same tip and change the same recipe: the second is a
  /// conflict and writes nothing; writers of different recipes both land.
  @Test func sameRecipeConcurrentlyIsAConflict() throws {
    let f = try PublishFixture()
    let registry = try f.registry()
    let repo = registry.repository
    let blobA = try repo.writeBlob("a: 1\n")
    let blobB = try repo.writeBlob("b: 2\n")
    let writer = BranchWriter(repository: repo, reference: "main")
    let other = BranchWriter(
      repository: try GitRepository(at: repo.gitDirectory), reference: "main")
    // Different paths: the loser is rebuilt on the new tip.
    let merged = try writer.commit(author: f.author) { _, _ in
      _ = try other.commit(author: f.author) { _, _ in
        ([.upsert(path: "recipes/x.yaml", blob: blobA)], "x")
      }
      return ([.upsert(path: "recipes/y.yaml", blob: blobB)], "y")
    }
    #expect(merged?.attempts == 2)
    let tip = try repo.commit(try #require(merged?.commit))
    #expect(try repo.entry(at: "recipes/x.yaml", inTree: tip.treeID) != nil)
    #expect(try repo.entry(at: "recipes/y.yaml", inTree: tip.treeID) != nil)
    // Same path: conflict, nothing written.
    let before = try writer.tip()
    #expect {
      _ = try writer.commit(author: f.author) { _, _ in
        _ = try other.commit(author: f.author) { _, _ in
          ([.upsert(path: "recipes/x.yaml", blob: blobB)], "x2")
        }
        return ([.upsert(path: "recipes/x.yaml", blob: blobA)], "x3")
      }
    } throws: { error in
      guard case PublishError.conflict(let paths, _, _) = error else { return false }
      return paths == ["recipes/x.yaml"] && (error as? PublishError)?.kind == .conflict
    }
    #expect(try writer.tip() != before)
    let newTip = try #require(try writer.tip())
    #expect(try repo.commit(newTip).summary == "x2")
  }

  /// A packing writer that loses the race is rebuilt on the new tip like a loose one: each
  /// attempt's objects are stored as a pack before its compare-and-swap, so the commit that
  /// lands is complete on disk (git reads it) and nothing is left in memory.
  @Test func packingWriterRetriesOnTheNewTip() throws {
    let f = try PublishFixture()
    let registry = try f.registry()
    let repo = registry.repository
    let writes = try PackedWrites(at: repo.gitDirectory)
    let writer = BranchWriter(packing: writes, reference: "main")
    let other = BranchWriter(
      repository: try GitRepository(at: repo.gitDirectory), reference: "main")
    let otherBlob = try repo.writeBlob("x: 1\n")
    let landed = try #require(
      try writer.commit(author: f.author) { _, _ in
        _ = try other.commit(author: f.author) { _, _ in
          ([.upsert(path: "recipes/x.yaml", blob: otherBlob)], "x")
        }
        let blob = try writes.repository.writeBlob("y: 2\n")
        return ([.upsert(path: "recipes/y.yaml", blob: blob)], "y")
      })
    #expect(landed.attempts == 2)
    // Read back by real git from a fresh process: both files, the packed blob's content.
    #expect(
      try f.git.git("show", "\(landed.commit.hex):recipes/y.yaml", in: repo.gitDirectory) == "y: 2")
    #expect(
      try f.git.git("show", "\(landed.commit.hex):recipes/x.yaml", in: repo.gitDirectory) == "x: 1")
    #expect(try f.git.git("fsck", "--strict", "--no-dangling", in: repo.gitDirectory).isEmpty)
    let packs = DirectoryListing.files(under: repo.gitDirectory + "/objects/pack").keys.filter {
      $0.hasSuffix(".pack")
    }
    #expect(packs.count == 2, "one pack per attempt: \(packs.sorted())")
  }

  /// 8 processes × 50 `registry publish` runs into one bare repository.
  @Test func eightProcessesPublishFiftyEach() throws {
    let cli = try PublishFixture.cli()
    let f = try PublishFixture()
    let registry = try f.registry()
    let files = f.git.path("in")
    try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
    for p in 0..<8 {
      for i in 0..<50 {
        try PublishFixture.v2("p\(p)-r\(i)").write(
          toFile: "\(files)/p\(p)-r\(i).yaml", atomically: true, encoding: .utf8)
      }
    }
    let repo = registry.repository.gitDirectory
    var procs: [Process] = []
    for p in 0..<8 {
      let proc = Process()
      proc.executableURL = URL(fileURLWithPath: "/bin/sh")
      proc.arguments = [
        "-c",
        "for i in $(seq 0 49); do \"$0\" publish --repo \"$1\" -q --author 'P\(p) <p\(p)@example.com>' \"$2/p\(p)-r$i.yaml\" || exit 1; done",
        cli, repo, files,
      ]
      proc.standardOutput = FileHandle.nullDevice
      try proc.run()
      procs.append(proc)
    }
    for p in procs { p.waitUntilExit() }
    #expect(procs.allSatisfy { $0.terminationStatus == 0 })
    let names = try registry.repository.blobEntries(
      inTree: try registry.repository.tree(at: "main"), under: "recipes"
    )
    .map(\.path).filter { $0.hasSuffix(".yaml") }
    #expect(names.count == 400)
    #expect(Set(names).count == 400)
    #expect(try f.git.git("fsck", "--strict", "--no-dangling", in: repo).isEmpty)
    let parents = try f.git.gitLines("rev-list", "--parents", "main", in: repo)
    #expect(parents.count == 401)
    #expect(parents.allSatisfy { $0.split(separator: " ").count <= 2 })
    #expect(try f.git.git("rev-list", "--merges", "--count", "main", in: repo) == "0")
  }

  @Test func pinKeepsEveryOtherByte() throws {
    let f = try PublishFixture()
    let registry = try f.registry()
    let publisher = RecipePublisher(registry: registry)
    let text = PublishFixture.v2("delta")
    _ = try publisher.publish(
      [f.input(text)], options: PublishOptions(author: f.author, keepFormat: true))
    let before = try registry.recipe(named: "delta").bytes
    #expect(before == Array(text.utf8))
    _ = try publisher.pin(
      "delta", engineVersion: "v0.5.8", image: "lmsysorg/sglang:v0.5.8-cu130", author: f.author)
    let after = String(decoding: try registry.recipe(named: "delta").bytes, as: UTF8.self)
    let expected = text.replacingOccurrences(of: "version: \"0.5.5\"", with: "version: \"v0.5.8\"")
      .replacingOccurrences(
        of: "image: lmsysorg/sglang:v0.5.5-cu130", with: "image: lmsysorg/sglang:v0.5.8-cu130")
    #expect(after == expected)
    // v1 in srt-slurm's layout: no sglang_version (srtctl refuses unknown keys); the
    // container's tag carries the version.
    let v1 =
      "# v1 recipe\nname: old-v1\nmodel:\n  path: deepseek-ai/DeepSeek-R1  # keep\n  container: lmsysorg/sglang:v0.5.5\nresources:\n  gpu_type: h100\n  gpus_per_node: 8\n  agg_nodes: 1\n  agg_workers: 1\nbackend:\n  type: sglang\n  sglang_config:\n    aggregated:\n      tp-size: 8\n"
    _ = try publisher.publish(
      [f.input(v1)], options: PublishOptions(author: f.author, keepFormat: true))
    _ = try publisher.pin("old-v1", engineVersion: "0.5.8", author: f.author)
    let pinned = String(decoding: try registry.recipe(named: "old-v1").bytes, as: UTF8.self)
    // The container's tag moves with the pin (issue 16), as `upgrade` moves it.
    #expect(
      pinned
        == v1.replacingOccurrences(
          of: "container: lmsysorg/sglang:v0.5.5\n", with: "container: lmsysorg/sglang:v0.5.8\n"))
  }

  @Test func deprecateHidesFromSearchButResolves() throws {
    let f = try PublishFixture()
    let registry = try f.registry()
    let publisher = RecipePublisher(registry: registry)
    _ = try publisher.publish(
      [f.input(PublishFixture.v2("eps"))], options: PublishOptions(author: f.author))
    let published = try registry.resolve("main").commit
    _ = try publisher.deprecate("eps", reason: "superseded by zeta", author: f.author)
    let found = try registry.recipe(named: "eps")
    #expect(found.read.summary.isDeprecated)
    #expect(found.read.v2?.status?.reason == "superseded by zeta")
    #expect(try registry.recipe(named: "eps", at: published.hex).read.summary.isDeprecated == false)
    let hits = try registry.index().snapshot.search(SearchQuery())
    #expect(!hits.contains { try! registry.index().snapshot.name($0) == "eps" })
  }

  @Test func lockPinsBlobsAndFailsLoudlyWhenUnreachable() throws {
    let f = try PublishFixture()
    let registry = try f.registry()
    let publisher = RecipePublisher(registry: registry)
    _ = try publisher.publish(
      [f.input(PublishFixture.v2("eta"))], options: PublishOptions(author: f.author))
    let lock = try RegistryLock.make(registry, names: ["eta"])
    let path = f.git.path("registry.lock")
    try lock.write(to: path)
    let read = try RegistryLock.read(from: path)
    #expect(read == lock)
    #expect(read.entry("eta")?.engineVersion == "0.5.5")
    _ = try publisher.pin("eta", engineVersion: "0.5.8", author: f.author)
    #expect(try read.resolve("eta", in: registry).read.summary.engineVersion == "0.5.5")
    var broken = read
    broken.recipes[0].blob = String(repeating: "ab", count: 20)
    #expect(throws: LockError.self) { try broken.resolve("eta", in: registry) }
  }

  @Test(.requiresV1Converter)
  func migrateV1ToV2InOneCommit() throws {
    let f = try PublishFixture()
    let repo = f.git.path("synthetic.git")
    try SyntheticRegistry.generate(at: repo, count: 60, seed: 3, brokenEvery: 0)
    let registry = try RecipeRegistry.open(at: repo)
    let before = try registry.resolve("main").commit
    let objects = { (kind: String) in
      DirectoryListing.files(under: repo + "/objects").keys.filter {
        kind == "loose" ? !$0.hasPrefix("pack/") && !$0.hasPrefix("info/") : $0.hasSuffix(".pack")
      }.count
    }
    let (loose, packs) = (objects("loose"), objects("pack"))
    let report = try RegistryMigration(
      registry: registry, source: .sglangV1, target: .v2, verify: true
    )
    .run(allowLoss: false, message: nil, author: f.author, branch: "main")
    let outcome = try #require(report.outcome)
    #expect(outcome.parent == before)
    #expect(report.changed.count == 30)
    #expect(try registry.index(at: "main").snapshot.all.allSatisfy { $0.summary.format == "v2" })
    // The commit's objects were written as one new pack, not as loose files; git reads them.
    #expect(objects("loose") == loose && objects("pack") == packs + 1)
    #expect(try f.git.git("fsck", "--strict", "--no-dangling", in: repo).isEmpty)
    let stat = try f.git.git("diff", "--shortstat", before.hex, outcome.commit.hex, in: repo)
    #expect(stat.trimmingCharacters(in: .whitespaces).hasPrefix("30 files changed"), "\(stat)")
  }

  /// Publish finds a taken name without an index of the tip: from the cached index of an
  /// older tree plus the blobs the diff since then changed (RecipeNameLookup).
  @Test func takenNamesAreFoundThroughTheDiffSinceTheCachedIndex() throws {
    let f = try PublishFixture()
    let registry = try f.registry()
    let publisher = RecipePublisher(registry: registry)
    _ = try publisher.publish(
      [f.input(PublishFixture.v2("first"))], options: PublishOptions(author: f.author))
    _ = try registry.index(at: "main")  // cached: the base the lookups diff from
    let report = try publisher.publish(
      [f.input(PublishFixture.v2("theta"))], options: PublishOptions(author: f.author))
    let oldPath = report.recipes[0].path
    let tip = try #require(try registry.repository.referenceTarget("refs/heads/main"))
    #expect(
      registry.cache.load(try registry.repository.commit(tip).treeID) == nil,
      "the tip's index must not be built by publish")
    // Same name, other model: another path; 'theta' exists only in the diff since the cache.
    let moved = f.input(PublishFixture.v2("theta", model: "Qwen/Qwen3-235B-A22B"))
    #expect {
      try publisher.publish([moved], options: PublishOptions(author: f.author))
    } throws: { e in
      if case PublishError.exists(let name, let path) = e {
        return name == "theta" && path == oldPath
      } else {
        return false
      }
    }
    let replaced = try publisher.publish(
      [moved], options: PublishOptions(author: f.author, replace: true))
    #expect(replaced.replaced == ["theta"])
    let after = try registry.index(at: "main").snapshot.all.filter { $0.summary.name == "theta" }
      .map(\.path)
    #expect(after == [replaced.recipes[0].path] && after != [oldPath])
    // At that tip: 'first' from the cached index, 'theta' from the diff, 'nobody' nowhere.
    let lookup = try RecipeNameLookup(registry: registry).paths(
      of: ["first", "theta", "nobody"], tree: try registry.repository.commit(tip).treeID,
      root: "recipes", commit: tip)
    #expect(lookup.mapValues(\.count) == ["first": 1, "theta": 1])
    #expect(lookup["theta"] == [oldPath])
  }
}
