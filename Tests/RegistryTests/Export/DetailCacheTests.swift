import Foundation
import Schema
import SyntheticData
import Testing

@testable import Export
@testable import Registry

/// The detail cache of `export-index`: a warm export writes the same bytes as a cold one,
/// corrupt or foreign shards are rebuilt, a commit re-converts only what changed, and
/// sglang-v1 recipes are exported with their v2 form.
@Suite struct DetailCacheTests {
  /// A registry of v1 and v2 synthetic recipes in a throwaway repository.
  static func registry(_ git: GitFixture, count: Int = 40) throws -> (
    repo: String, registry: RecipeRegistry
  ) {
    let repo = try git.makeRepo()
    try git.write("registry.yaml", "root: recipes\n", in: repo)
    var gen = SyntheticRecipes(seed: 9)
    for i in 0..<count {
      let text = i % 2 == 0 ? gen.v1Recipe(name: "r\(i)") : gen.v2Recipe(name: "r\(i)")
      try git.write("recipes/r\(i).yaml", text, in: repo)
    }
    try git.commitAll("Add recipes", in: repo)
    return (repo, try RecipeRegistry.open(at: repo))
  }

  static func files(_ dir: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    let fm = FileManager.default
    for name in try fm.contentsOfDirectory(atPath: dir + "/recipes") {
      out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/recipes/" + name))
    }
    out["catalog.json"] = try Data(contentsOf: URL(fileURLWithPath: dir + "/catalog.json"))
    return out
  }

  static func shards(_ repo: String) throws -> [String: UInt64] {
    let dir = repo + "/.git/registry-details"
    var out: [String: UInt64] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
      var st = stat()
      #expect(stat(dir + "/" + name, &st) == 0)
      out[name] = UInt64(st.st_ino)
    }
    return out
  }

  static func temp(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
      .path
  }

  /// A fresh registry exported once (filling the cache) into the first of two output folders.
  static func exportedOnce(
    _ body: (
      _ git: GitFixture, _ repo: String, _ exporter: IndexExporter, _ first: String,
      _ second: String
    ) throws -> Void
  ) throws {
    let git = try GitFixture()
    let (repo, registry) = try Self.registry(git)
    let first = Self.temp("export-first")
    let second = Self.temp("export-second")
    defer {
      try? FileManager.default.removeItem(atPath: first)
      try? FileManager.default.removeItem(atPath: second)
    }
    let exporter = IndexExporter(registry: registry, options: .init(history: false))
    _ = try exporter.export(rev: "HEAD", to: first)
    try body(git, repo, exporter, first, second)
  }

  @Test func warmExportWritesTheBytesOfAColdOne() throws {
    try Self.exportedOnce { _, repo, exporter, cold, warm in
      let shards = try Self.shards(repo)
      #expect(!shards.isEmpty)
      #expect(!shards.keys.contains { $0.contains(".tmp") })
      _ = try exporter.export(rev: "HEAD", to: warm)
      #expect(try Self.files(cold) == Self.files(warm))
      // Nothing was missed, so no shard was rewritten.
      #expect(try Self.shards(repo) == shards)
    }
  }

  @Test func corruptOrForeignShardsAreRebuilt() throws {
    try Self.exportedOnce { _, repo, exporter, first, second in
      let dir = repo + "/.git/registry-details"
      let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
      #expect(names.count >= 3)
      let cache = DetailCache(
        gitDirectory: repo + "/.git", fingerprint: IndexExporter.detailFingerprint)

      // 1: a byte flipped inside a record's text; 2: cut in the middle; 3: another fingerprint.
      var damaged: [String] = []
      for (i, name) in names.prefix(3).enumerated() {
        let path = dir + "/" + name
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let shard = Int(name, radix: 16)!
        let before = cache.load(shard: shard)
        #expect(!before.isEmpty)
        switch i {
        case 0:
          let at = bytes.lastIndex(of: UInt8(ascii: "{"))!
          bytes[at + 1] ^= 0x20
        case 1:
          bytes.removeLast(bytes.count / 3)
        default:
          bytes =
            Array("registry-details another-build\n".utf8)
            + bytes.drop { $0 != UInt8(ascii: "\n") }.dropFirst()
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(cache.load(shard: shard).count < before.count)
        damaged.append(name)
      }
      _ = try exporter.export(rev: "HEAD", to: second)
      #expect(try Self.files(first) == Self.files(second))
      // Rebuilt: every record of the damaged shards reads back again.
      for name in damaged {
        let shard = Int(name, radix: 16)!
        #expect(
          cache.load(shard: shard).count
            == IndexExporterProbe.entries(exporter.registry, inShard: shard))
      }
    }
  }

  @Test func aShardOfAnotherFormatVersionIsIgnored() throws {
    try Self.exportedOnce { _, repo, _, _, _ in
      let dir = repo + "/.git/registry-details"
      let name = try #require(
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted().first)
      let shard = try #require(Int(name, radix: 16))
      let cache = DetailCache(
        gitDirectory: repo + "/.git", fingerprint: IndexExporter.detailFingerprint)
      #expect(!cache.load(shard: shard).isEmpty)
      // The same records under the header of format version 1 (which had no version in it).
      let path = dir + "/" + name
      let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
      let old =
        Array("registry-details \(cache.fingerprint)\n".utf8)
        + bytes.drop { $0 != UInt8(ascii: "\n") }.dropFirst()
      try Data(old).write(to: URL(fileURLWithPath: path))
      #expect(cache.load(shard: shard).isEmpty)
    }
  }

  @Test func aCommitReconvertsOnlyTheShardOfTheChangedBlob() throws {
    try Self.exportedOnce { git, repo, exporter, _, out in
      _ = try exporter.export(rev: "HEAD", to: out)
      let before = try Self.shards(repo)

      var gen = SyntheticRecipes(seed: 77)
      try git.write("recipes/r1.yaml", gen.v2Recipe(name: "r1"), in: repo)
      try git.commitAll("Change r1", in: repo)
      let result = try exporter.export(rev: "HEAD", to: out)
      let blob = try #require(result.entries.first { $0.name == "r1" }?.blob)
      let changed = String(blob.prefix(2))
      let after = try Self.shards(repo)
      #expect(after[changed] != nil && after[changed] != before[changed])
      for (name, inode) in before where name != changed {
        #expect(after[name] == inode, "shard \(name) was rewritten")
      }
      let doc =
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: URL(fileURLWithPath: out + "/recipes/r1.json"))) as? [String: Any]
      #expect((doc?["entry"] as? [String: Any])?["blob"] as? String == blob)
    }
  }

  @Test func sglangV1RecipesAreExportedWithTheirV2Form() throws {
    let git = try GitFixture()
    let (_, registry) = try Self.registry(git, count: 4)
    let out = Self.temp("export-v1")
    defer { try? FileManager.default.removeItem(atPath: out) }
    _ = try IndexExporter(registry: registry, options: .init(history: false)).export(
      rev: "HEAD", to: out)
    let doc = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: out + "/recipes/r0.json"))) as? [String: Any])
    #expect((doc["entry"] as? [String: Any])?["format"] as? String == "sglang-v1")
    let recipe = try #require(doc["recipe"] as? [String: Any])
    #expect(recipe["schema"] as? String == "v2")
    #expect(recipe["name"] as? String == "r0")
    let sourceFormat = (doc["provenance"] as? [String: Any])?["source_format"] as? String
    #expect(sourceFormat == "sglang-v1" || sourceFormat == "srt-slurm")
    #expect(doc["source"] is NSNull)
    // The launch targets are the engine's, not only the plan commands.
    #expect((doc["launch"] as? [String: Any])?["engine"] != nil)
  }
}

/// Counts without the cache: how many entries of the registry's HEAD fall in a shard.
enum IndexExporterProbe {
  static func entries(_ registry: RecipeRegistry, inShard shard: Int) -> Int {
    guard let r = try? IndexExporter(registry: registry).catalog(rev: "HEAD") else { return -1 }
    return r.blobs.filter { DetailCache.shard(of: $0) == shard }.count
  }
}
