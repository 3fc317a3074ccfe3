import Engines
import Foundation
import Migrate
import Schema
import SyntheticData
import TestSupport
import Testing

@testable import Registry

/// The index answers like a brute-force filter over every decoded recipe, at any rev, whether
/// it was built cold, updated incrementally, or read from a cache that was tampered with.
@Suite struct RegistryIndexTests {
  let dir: String
  let repoPath: String

  init() throws {
    dir =
      FileManager.default.temporaryDirectory.appendingPathComponent(
        "registry-index-\(UUID().uuidString)"
      ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    repoPath = dir + "/registry.git"
    try SyntheticRegistry.generate(at: repoPath, count: 240, seed: 11, brokenEvery: 37)
  }

  // MARK: - Reference implementation (independent of the index)

  struct Truth {
    var name: String
    var path: String
    var summary: RecipeSummary
    var valid: Bool
  }

  /// Every recipe at `rev`, decoded one by one.
  func truth(_ repo: GitRepository, rev: String) throws -> [Truth] {
    let tree = try repo.tree(at: rev)
    return try repo.blobEntries(inTree: tree, under: "recipes").filter {
      $0.path.hasSuffix(".yaml")
    }.map { e in
      let read = RecipeReader.read(try repo.blob(e.id), file: e.path)
      // GPUs per node a recipe does not say come from its GPU type (issue 16).
      var summary = read.summary
      summary.deriveGPUs(using: .standard)
      return Truth(name: read.summary.name, path: e.path, summary: summary, valid: read.isValid)
    }
  }

  struct Query {
    var gpu: String?
    var engine: String?
    var minVersion: String?
    var topology: Topology?
    var minGPUs: Int?
    var text: String?
    var showDeprecated = false
    var invalid = false

    var search: SearchQuery {
      var q = SearchQuery()
      q.gpus = gpu.map { [$0.uppercased()] } ?? []
      q.engine = engine
      q.engineVersions = minVersion.map { try! VersionRange(parsing: ">=" + $0) }
      q.topology = topology
      q.minGPUs = minGPUs
      q.text = text
      q.includeInvalid = invalid
      if showDeprecated { q.statuses = ["deprecated"] }
      return q
    }

    /// Written separately from `SearchQuery.matches`, from the meaning of each filter.
    func expected(_ t: Truth) -> Bool {
      let s = t.summary
      if !t.valid && !invalid { return false }
      if let gpu, s.gpuType != gpu { return false }
      if let engine, s.engine != engine { return false }
      if let minVersion {
        guard let v = s.engineVersion.flatMap(EngineVersion.init), v >= EngineVersion(minVersion)!
        else { return false }
      }
      if let topology, s.topology != topology { return false }
      if let minGPUs, (s.totalGPUs ?? -1) < minGPUs { return false }
      if let text, !s.name.contains(text) && !(s.model ?? "").lowercased().contains(text) {
        return false
      }
      if showDeprecated { return s.status == "deprecated" }
      return s.status != "deprecated"
    }
  }

  static func randomQueries(_ n: Int) -> [Query] {
    var gen = SyntheticRecipes(seed: 99)
    return (0..<n).map { _ in
      var q = Query()
      if gen.next() % 2 == 0 { q.gpu = gen.pick(SyntheticRecipes.gpus) }
      if gen.next() % 3 == 0 { q.engine = gen.pick(["sglang", "vllm"]) }
      if gen.next() % 3 == 0 { q.minVersion = gen.pick(["0.5", "0.5.5", "0.10", "0.5.0rc2"]) }
      if gen.next() % 3 == 0 { q.topology = gen.pick([.aggregated, .disaggregated]) }
      if gen.next() % 4 == 0 { q.minGPUs = gen.pick([4, 8, 16]) }
      if gen.next() % 5 == 0 { q.text = gen.pick(["qwen", "synthetic-1", "deepseek"]) }
      q.showDeprecated = gen.next() % 6 == 0
      q.invalid = gen.next() % 5 == 0
      return q
    }
  }

  func check(_ registry: RecipeRegistry, rev: String, queries: [Query]) throws {
    let index = try registry.index(at: rev)
    let all = try truth(registry.repository, rev: rev)
    #expect(index.snapshot.count == all.count)
    for q in queries {
      let got = index.snapshot.search(q.search).map(index.snapshot.path).sorted()
      let want = all.filter(q.expected).map(\.path).sorted()
      #expect(got == want, "query \(q) at \(rev)")
    }
  }

  // MARK: - Tests

  @Test func searchEqualsBruteForceAtHead() throws {
    let registry = try RecipeRegistry.open(at: repoPath)
    let queries = Self.randomQueries(60)
    try check(registry, rev: "main", queries: queries)
    // Some queries must actually select something, or the comparison proves little.
    let index = try registry.index(at: "main")
    #expect(queries.filter { !index.snapshot.search($0.search).isEmpty }.count > 20)
    #expect(index.snapshot.search(SearchQuery()).count > 100)
  }

  /// Commits a change: recipe 0 modified, recipe 1 deleted, one new recipe; returns the commit.
  func commitChange(_ repo: GitRepository) throws -> ObjectID {
    let head = try repo.resolve("main")
    let base = try repo.commit(head).treeID
    let entries = try repo.blobEntries(inTree: base, under: "recipes").filter {
      $0.path.hasSuffix(".yaml")
    }
    var gen = SyntheticRecipes(seed: 5)
    let modified = try repo.writeBlob(gen.v2Recipe(name: "synthetic-0"))
    let added = try repo.writeBlob(gen.v2Recipe(name: "brand-new-recipe"))
    let tree = try repo.updatedTree(
      from: base,
      applying: [
        .upsert(path: entries[0].path, blob: modified, mode: .blob),
        .remove(path: entries[1].path),
        .upsert(path: "recipes/new/brand-new-recipe.yaml", blob: added, mode: .blob),
      ])
    let sig = Signature(name: "T", email: "t@example.com", time: 1_700_000_100, offsetMinutes: 0)
    let commit = try repo.createCommit(
      tree: tree, parents: [head], author: sig, committer: sig, message: "change\n")
    try repo.updateReference(
      "refs/heads/main", to: commit, expecting: .value(head), message: "test")
    return commit
  }

  @Test func incrementalEqualsColdAndOldRevsStillAnswer() throws {
    let registry = try RecipeRegistry.open(at: repoPath)
    let before = try registry.index(at: "main")
    guard case .cold = before.build else {
      Issue.record("first index should be cold, was \(before.build)")
      return
    }
    _ = try commitChange(registry.repository)
    let after = try registry.index(at: "main")
    guard case .incremental(_, let reread) = after.build else {
      Issue.record("second index should be incremental, was \(after.build)")
      return
    }
    #expect(reread == 2)
    // The same index built from scratch.
    try FileManager.default.removeItem(atPath: registry.repository.gitDirectory + "/registry-index")
    let cold = try RecipeRegistry.open(at: repoPath).index(at: "main")
    #expect(Set(after.snapshot.all) == Set(cold.snapshot.all))
    #expect(after.snapshot.all.contains { $0.summary.name == "brand-new-recipe" })
    // Old revs answer from their own tree.
    let queries = Self.randomQueries(25)
    try check(registry, rev: "main", queries: queries)
    try check(registry, rev: "main~1", queries: queries)
    let old = try registry.index(at: "main~1")
    #expect(!old.snapshot.all.contains { $0.summary.name == "brand-new-recipe" })
  }

  @Test func craftedIndexWithAValidChecksumIsRejectedNotTrusted() throws {
    // Someone who can write the git dir can also compute the (non-cryptographic) checksum:
    // a unique-string offset past the strings must stop the command (the file is removed),
    // not be an out-of-bounds read. Opening does not read the offsets; reading the string does.
    let cli = try PublishFixture.cli()
    let search = ["search", "--invalid", "-o", "json", "--repo", repoPath]
    let expected = try Subprocess.run(cli, search)
    #expect(expected.status == 0)
    let registry = try RecipeRegistry.open(at: repoPath)
    let first = try registry.index(at: "main")
    let file = registry.repository.gitDirectory + "/registry-index/" + first.tree.hex + ".idx"
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
    func u32(_ at: Int) -> Int {
      Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
    }
    let dictCount = u32(40)
    let uniqueCount = u32(44)
    try #require(uniqueCount >= 2)
    let dictOffsets = IndexFormat.headerSize
    let uniqueOffsets = dictOffsets + (dictCount + 1) * 4 + u32(dictOffsets + dictCount * 4)
    // Entry 1 points far past the blob.
    for k in 0..<4 { bytes[uniqueOffsets + 4 + k] = 0xFF }
    bytes = Self.resealed(bytes)
    #expect(throws: Never.self) { try IndexSnapshot(bytes: bytes) }
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    let crafted = try Subprocess.run(cli, search)
    #expect(crafted.status == IndexCorruption.exitStatus, "\(crafted.stderr)")
    #expect(crafted.stderr.contains("the index cache is malformed (unique string 0 lies outside"))
    #expect(!FileManager.default.fileExists(atPath: file))
    #expect(expected.stdout.hasPrefix(crafted.stdout), "no wrong row printed")
    let again = try Subprocess.run(cli, search)
    #expect(again.status == 0 && again.stdout == expected.stdout)
  }

  /// Index file bytes whose body was edited, with their block checksums and footer recomputed.
  static func resealed(_ bytes: [UInt8]) -> [UInt8] {
    let footer = bytes.count - IndexFormat.footerSize
    let (length, size) = bytes.withUnsafeBytes {
      (
        Int($0.loadUnaligned(fromByteOffset: footer, as: UInt64.self).littleEndian),
        Int($0.loadUnaligned(fromByteOffset: footer + 8, as: UInt32.self).littleEndian)
      )
    }
    var hasher = IndexBlockHasher(bodyLength: length, blockSize: size)
    let body = Array(bytes[0..<length])
    body.withUnsafeBytes { hasher.update($0) }
    return body + hasher.trailer()
  }

  @Test func corruptTruncatedOrStaleCachesAreRebuilt() throws {
    let registry = try RecipeRegistry.open(at: repoPath)
    let first = try registry.index(at: "main")
    // The snapshot maps the cache file: read what it holds before the file is tampered with.
    let expected = Set(first.snapshot.all)
    let expectedCount = first.snapshot.count
    let file = registry.repository.gitDirectory + "/registry-index/" + first.tree.hex + ".idx"
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
    // Flip one byte of the dictionary, which opening checks (a block checked as it is read
    // stops the command instead: IndexDeltaCLITests).
    bytes[IndexFormat.headerSize + 5] ^= 0x5A
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    #expect(throws: IndexError.checksumMismatch) { try IndexSnapshot(bytes: bytes) }
    let second = try RecipeRegistry.open(at: repoPath).index(at: "main")
    #expect(second.build != .cached)
    #expect(Set(second.snapshot.all) == expected)
    // Truncated.
    try Data(bytes.prefix(100)).write(to: URL(fileURLWithPath: file))
    #expect(throws: IndexError.self) { try IndexSnapshot(bytes: Array(bytes.prefix(100))) }
    let third = try RecipeRegistry.open(at: repoPath).index(at: "main")
    #expect(third.build != .cached)
    #expect(third.snapshot.count == expectedCount)
    // The good file is back in place.
    #expect(try RecipeRegistry.open(at: repoPath).index(at: "main").build == .cached)
  }

  @Test func recipesAreFoundByNameAtARev() throws {
    let registry = try RecipeRegistry.open(at: repoPath)
    let found = try registry.recipe(named: "synthetic-4", at: "main")
    #expect(found.read.isValid)
    #expect(found.path.hasSuffix("/synthetic-4.yaml"))
    #expect(try registry.repository.blob(found.blobID) == found.bytes)
    #expect(throws: RegistryError.self) { try registry.recipe(named: "synthetic-4x", at: "main") }
    var suggestion: String?
    do throws(RegistryError) {
      _ = try registry.recipe(named: "synthetc-4", at: "main")
    } catch {
      if case .recipeNotFound(_, _, let s) = error { suggestion = s }
    }
    #expect(suggestion == "synthetic-4")
  }

  @Test func invalidFilesAreListedWithTheirErrors() throws {
    let registry = try RecipeRegistry.open(at: repoPath)
    let s = try registry.index(at: "main").snapshot
    let invalid = (0..<s.count).filter(s.isInvalid)
    #expect(invalid.count == 240 / 37)
    for i in invalid {
      let d = try #require(s.diagnostics(i).first)
      #expect(d.location?.file == s.path(i))
      #expect((d.location?.line ?? 0) > 1)
    }
  }
}
