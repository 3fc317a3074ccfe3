import Foundation
import Migrate
import Schema
import SyntheticData
import TestSupport
import Testing

@testable import Registry

/// A cold index reads blobs in pack order on two workers; these tests check that this changes
/// nothing: every record is what `RecipeReader.read` says of the file, in tree order, and the
/// pack order and the checksum written in pieces agree with independent references.
@Suite struct ColdIndexTests {
  /// Recipes enough for two workers (one per 256), every 13th one broken.
  static let count = 700

  @Test func coldRecordsEqualReadingEachFileInTreeOrder() throws {
    let fixture = try GitFixture()
    let path = fixture.path("registry.git")
    try SyntheticRegistry.generate(at: path, count: Self.count, seed: 21, brokenEvery: 13)
    let registry = try RecipeRegistry.open(at: path)
    let index = try registry.index(at: "main")
    guard case .cold(let read) = index.build else {
      Issue.record("the first index should be cold, was \(index.build)")
      return
    }
    #expect(read == Self.count)
    let repo = registry.repository
    let entries = try repo.blobEntries(inTree: repo.tree(at: "main"), under: "recipes")
    let records = index.snapshot.all
    #expect(records.map(\.path) == entries.map(\.path))
    var invalid = 0
    for (record, entry) in zip(records, entries) {
      let file = RecipeReader.read(try repo.blob(entry.id), file: entry.path)
      #expect(record.blobID == entry.id)
      // GPUs per node a recipe does not say come from its GPU type (issue 16).
      var summary = file.summary
      summary.deriveGPUs(using: .standard)
      #expect(record.summary == summary, "\(entry.path)")
      #expect(record.isValid == file.isValid, "\(entry.path)")
      #expect(
        record.diagnostics == file.diagnostics.filter { $0.severity == .error }, "\(entry.path)")
      if !file.isValid { invalid += 1 }
    }
    #expect(invalid == Self.count / 13)
  }

  /// Two processes (each with its own hash seed) write the same index file for the same tree,
  /// broken recipes' diagnostics included.
  @Test func coldIndexFileIsTheSameInEveryProcess() throws {
    let cli = try PublishFixture.cli()
    let fixture = try GitFixture()
    let path = fixture.path("registry.git")
    try SyntheticRegistry.generate(at: path, count: 60, seed: 5, brokenEvery: 3)
    let cache = IndexCache(gitDirectory: path)
    let tree = try #require(
      ObjectID(hex: try fixture.git("rev-parse", "refs/heads/main^{tree}", in: path)))
    var files: [Data] = []
    for _ in 0..<3 {
      try? FileManager.default.removeItem(atPath: cache.path(for: tree))
      let run = try Subprocess.run(cli, ["search", "--repo", path, "--invalid", "-o", "json"])
      #expect(run.stdout.contains("synthetic-2"), "\(run.stderr)")
      files.append(try Data(contentsOf: URL(fileURLWithPath: cache.path(for: tree))))
    }
    #expect(files.count == 3 && files.allSatisfy { $0 == files[0] })
  }

  @Test func packOrderFollowsTheOffsetsGitReports() throws {
    let fixture = try GitFixture()
    let path = fixture.path("registry.git")
    try SyntheticRegistry.generate(at: path, count: 300, seed: 4, brokenEvery: 0)
    // A second pack (of one loose blob), so that keys of different packs are compared too.
    let file = fixture.path("extra.yaml")
    try Array("name: extra\n".utf8).withUnsafeBytes {
      try Data($0).write(to: URL(fileURLWithPath: file))
    }
    let id = try fixture.git("hash-object", "-w", file, in: path)
    let ids = fixture.path("ids.txt")
    try Array((id + "\n").utf8).withUnsafeBytes {
      try Data($0).write(to: URL(fileURLWithPath: ids))
    }
    try fixture.git(["pack-objects", path + "/objects/pack/pack"], in: path, stdin: ids)
    let packs = try FileManager.default.contentsOfDirectory(atPath: path + "/objects/pack")
      .filter { $0.hasSuffix(".idx") }.sorted()
    #expect(packs.count == 2)
    let order = PackOrder(gitDirectory: path)
    var expected: [(pack: Int, offset: UInt64, id: ObjectID)] = []
    for (p, name) in packs.enumerated() {
      let listing = try fixture.git(
        ["show-index"], in: path, stdin: path + "/objects/pack/" + name)
      for line in listing.split(separator: "\n") {
        let fields = line.split(separator: " ")
        let id = try #require(ObjectID(hex: fields[1]))
        expected.append((p, UInt64(fields[0])!, id))
      }
    }
    #expect(expected.count > 300)
    for e in expected { #expect(order.key(e.id) == UInt64(e.pack) << 44 | e.offset) }
    let sortedByKey = expected.map(\.id).sorted { order.key($0) < order.key($1) }
    let sortedByGit = expected.sorted { ($0.pack, $0.offset) < ($1.pack, $1.offset) }.map(\.id)
    #expect(sortedByKey == sortedByGit)
    // An object in no pack sorts last.
    #expect(order.key(ObjectID(hex: String(repeating: "ab", count: 20))!) == .max)
  }

  /// libgit2 does not re-hash objects on read (neither does git): damaged pack data must still
  /// fail the cold index, by zlib's checksum, instead of indexing garbage.
  @Test func damagedPackFailsTheColdIndex() throws {
    let fixture = try GitFixture()
    let clean = fixture.path("clean.git")
    try SyntheticRegistry.generate(at: clean, count: 300, seed: 9, brokenEvery: 0)
    #expect(try RecipeRegistry.open(at: clean).index(at: "main").snapshot.count == 300)
    for (n, fraction) in [0.3, 0.5, 0.7].enumerated() {
      let path = fixture.path("damaged-\(n).git")
      try fixture.git("clone", "-q", "--bare", "--no-local", clean, path, in: fixture.path(""))
      let packs = try FileManager.default.contentsOfDirectory(atPath: path + "/objects/pack").filter
      { $0.hasSuffix(".pack") }
      let pack = path + "/objects/pack/" + (try #require(packs.first))
      var bytes = try #require(FileManager.default.contents(atPath: pack))
      let offset = Int(Double(bytes.count) * fraction)
      bytes[offset] ^= 0x10
      try bytes.write(to: URL(fileURLWithPath: pack))
      #expect(throws: (any Error).self, "a byte flipped at \(offset) of \(bytes.count)") {
        _ = try RecipeRegistry.open(at: path).index(at: "main")
      }
    }
  }

  @Test func checksumInPiecesEqualsChecksumOfTheWhole() {
    var gen = SyntheticRecipes(seed: 8)
    let bytes = (0..<1_000).map { _ in UInt8(truncatingIfNeeded: gen.next()) }
    bytes.withUnsafeBytes { whole in
      let expected = FastHash.hash(whole)
      for _ in 0..<50 {
        var cuts = (0..<Int(gen.next() % 6)).map { _ in Int(gen.next() % UInt64(whole.count + 1)) }
        cuts = ([0] + cuts + [whole.count]).sorted()
        var hasher = FastHash(length: whole.count)
        for (a, b) in zip(cuts, cuts.dropFirst()) {
          hasher.update(UnsafeRawBufferPointer(rebasing: whole[a..<b]))
        }
        #expect(hasher.finish() == expected, "cuts \(cuts)")
      }
      // A different byte gives a different checksum.
      var changed = bytes
      changed[500] ^= 1
      #expect(changed.withUnsafeBytes { FastHash.hash($0) } != expected)
    }
  }
}
