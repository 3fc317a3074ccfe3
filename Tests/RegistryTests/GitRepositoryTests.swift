import Foundation
import Registry
import Testing

@Suite("GitRepository: open, create, resolve, read")
struct GitRepositoryTests {
  @Test("create bare and non-bare repositories, reopen and discover")
  func createAndOpen() throws {
    let fx = try GitFixture()
    let work = try GitRepository.create(at: fx.path("work"), initialBranch: "trunk")
    #expect(!work.isBare)
    #expect(work.path == fx.path("work"))
    #expect(work.workingDirectory == fx.path("work"))
    #expect(work.gitDirectory == fx.path("work/.git"))
    #expect(try fx.git("symbolic-ref", "HEAD", in: fx.path("work")) == "refs/heads/trunk")
    #expect(try work.head() == nil)

    let bare = try GitRepository.create(at: fx.path("bare.git"), bare: true)
    #expect(bare.isBare)
    #expect(bare.workingDirectory == nil)
    #expect(bare.path == fx.path("bare.git"))
    #expect(try fx.git("rev-parse", "--is-bare-repository", in: fx.path("bare.git")) == "true")

    try FileManager.default.createDirectory(
      atPath: fx.path("work/a/b"), withIntermediateDirectories: true)
    let found = try GitRepository(at: fx.path("work/a/b"), discover: true)
    #expect(found.path == fx.path("work"))
    #expect(throws: GitError.self) { try GitRepository(at: fx.path("work/a/b")) }
    let error = #expect(throws: GitError.self) { try GitRepository(at: fx.path("missing")) }
    #expect(error?.code == .notFound)
  }

  @Test("resolve matches git rev-parse for branches, tags, ids, ancestry and reflog")
  func resolveMatchesRevParse() throws {
    let fx = try GitFixture()
    let dir = try fx.makeRepo()
    for i in 1...5 {
      try fx.write("recipes/r\(i).yaml", "name: r\(i)\n", in: dir)
      try fx.commitAll("commit \(i)", in: dir)
      if i == 2 { try fx.git("tag", "-a", "v1", "-m", "release 1", in: dir) }
      if i == 3 { try fx.git("tag", "light", in: dir) }
      if i == 4 { try fx.git("branch", "side", in: dir) }
    }
    let repo = try GitRepository(at: dir)
    let full = try fx.git("rev-parse", "HEAD~2", in: dir)
    let revs = [
      "HEAD", "main", "HEAD~1", "HEAD~3", "main^", "v1", "light", "side", "refs/heads/side",
      "main@{1}", "main@{3}", String(full.prefix(8)), full,
    ]
    for rev in revs {
      let expected = try fx.git("rev-parse", "\(rev)^{commit}", in: dir)
      #expect(try repo.resolve(rev).hex == expected, "rev \(rev)")
    }
    #expect(try repo.head()?.hex == fx.git("rev-parse", "HEAD", in: dir))
    #expect(try repo.tree(at: "HEAD~1").hex == fx.git("rev-parse", "HEAD~1^{tree}", in: dir))
    #expect(try repo.tree(at: "v1:recipes").hex == fx.git("rev-parse", "v1:recipes", in: dir))
    #expect(
      try repo.referenceTarget("refs/heads/side")?.hex == fx.git("rev-parse", "side", in: dir))
    #expect(try repo.referenceTarget("refs/heads/nope") == nil)
    #expect(
      try repo.referenceNames(withPrefix: "refs/tags/") == ["refs/tags/light", "refs/tags/v1"])
  }

  @Test("a missing rev throws notFound with a clear message")
  func missingRev() throws {
    let fx = try GitFixture()
    let dir = try fx.makeRepo()
    try fx.write("a", "a\n", in: dir)
    try fx.commitAll("one", in: dir)
    let repo = try GitRepository(at: dir)
    let error = #expect(throws: GitError.self) { try repo.resolve("main~99") }
    #expect(error?.code == .notFound)
    #expect(error?.function == "git_revparse_single")
    #expect(
      error?.description.hasPrefix("rev 'main~99' not found in \(dir) (git_revparse_single)")
        == true)
    let bad = #expect(throws: GitError.self) { try repo.resolve("nosuchbranch") }
    #expect(bad?.code == .notFound)
  }

  @Test("commit metadata matches git log")
  func commitMetadata() throws {
    let fx = try GitFixture()
    let dir = try fx.makeRepo()
    try fx.write("a", "a\n", in: dir)
    try fx.commitAll("first", in: dir)
    try fx.write("b", "b\n", in: dir)
    try fx.commitAll("Pin sglang 0.4.6\n\nBecause the old one crashed.\n", in: dir)
    let repo = try GitRepository(at: dir)
    let commit = try repo.commit(repo.resolve("HEAD"))
    let fields = try fx.gitLines(
      "log", "-1", "--format=%H%n%T%n%P%n%an%n%ae%n%at%n%cn%n%ce%n%ct%n%s", in: dir)
    #expect(commit.id.hex == fields[0])
    #expect(commit.treeID.hex == fields[1])
    #expect(commit.parentIDs.map(\.hex) == [fields[2]])
    #expect(commit.author.name == fields[3])
    #expect(commit.author.email == fields[4])
    #expect(String(commit.author.time) == fields[5])
    #expect(commit.author.offsetMinutes == 60)
    #expect(commit.committer.name == fields[6])
    #expect(commit.committer.email == fields[7])
    #expect(String(commit.committer.time) == fields[8])
    #expect(commit.summary == fields[9])
    let raw = try fx.git("cat-file", "commit", "HEAD", in: dir)
    let body = try #require(raw.range(of: "\n\n"))
    #expect(commit.message == String(raw[body.upperBound...]) + "\n")
    #expect(commit.message.contains("Because the old one crashed."))
    #expect(try repo.commit(repo.resolve("HEAD~1")).parentIDs.isEmpty)
  }

  @Test("tree walk, entries and entry lookup match git ls-tree")
  func treeWalk() throws {
    let fx = try GitFixture()
    let dir = try fx.makeRepo()
    try fx.write("registry.yaml", "root: recipes\n", in: dir)
    for org in ["meta", "qwen"] {
      for engine in ["sglang", "vllm"] {
        try fx.write("recipes/\(org)/model/\(engine)/fast.yaml", "\(org) \(engine)\n", in: dir)
        try fx.write("recipes/\(org)/model/\(engine)/a b.yaml", "spaces\n", in: dir)
      }
    }
    try fx.write("tools/run.sh", "#!/bin/sh\n", in: dir)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: dir + "/tools/run.sh")
    try FileManager.default.createSymbolicLink(
      atPath: dir + "/latest.yaml", withDestinationPath: "recipes/meta/model/vllm/fast.yaml")
    try fx.commitAll("tree", in: dir)
    let repo = try GitRepository(at: dir)
    let tree = try repo.tree(at: "HEAD")

    func lsTree(_ args: String...) throws -> [String] {
      try fx.git(["ls-tree"] + args, in: dir).split(separator: "\n").map(String.init)
    }
    let recursive = try lsTree("-r", "HEAD")
    let walked = try repo.blobEntries(inTree: tree).map { "\($0.mode) blob \($0.id)\t\($0.path)" }
    #expect(walked.count == 11)
    #expect(walked.sorted() == recursive.sorted())

    let sub = try repo.blobEntries(inTree: tree, under: "recipes/qwen")
    #expect(
      sub.map(\.path).sorted()
        == (try lsTree("-r", "--name-only", "HEAD", "recipes/qwen/")).sorted())
    #expect(try repo.blobEntries(inTree: tree, under: "nope").isEmpty)

    let top = try repo.entries(ofTree: tree).map {
      "\($0.mode) \($0.mode.isTree ? "tree" : "blob") \($0.id)\t\($0.name)"
    }
    #expect(top == (try lsTree("HEAD")))

    let entry = try #require(try repo.entry(at: "recipes/meta/model", inTree: tree))
    #expect(entry.mode == .tree)
    #expect(entry.id.hex == (try fx.git("rev-parse", "HEAD:recipes/meta/model", in: dir)))
    let script = try #require(try repo.entry(at: "tools/run.sh", inTree: tree))
    #expect(script.mode == .executable)
    #expect(try repo.entry(at: "recipes/none.yaml", inTree: tree) == nil)
  }

  @Test("blob contents and sizes match git cat-file")
  func blobs() throws {
    let fx = try GitFixture()
    let dir = try fx.makeRepo()
    let texts = ["name: a\n", "", String(repeating: "x: 1\n", count: 5000), "utf8: ü\n"]
    for (i, text) in texts.enumerated() { try fx.write("f\(i)", text, in: dir) }
    try fx.commitAll("blobs", in: dir)
    let repo = try GitRepository(at: dir)
    var ids = [ObjectID]()
    for i in texts.indices {
      let hex = try fx.git("rev-parse", "HEAD:f\(i)", in: dir)
      let id = try #require(ObjectID(hex: hex))
      ids.append(id)
      let onDisk = try Data(contentsOf: URL(fileURLWithPath: dir + "/f\(i)"))
      #expect(try repo.blob(id) == Array(onDisk))
      #expect(try repo.blobSize(id) == Int(try fx.git("cat-file", "-s", hex, in: dir)))
    }
    #expect(try repo.blobs(ids).map { String(decoding: $0, as: UTF8.self) } == texts)
    let missing = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
    #expect((#expect(throws: GitError.self) { try repo.blob(missing) })?.code == .notFound)
    let tree = try repo.tree(at: "HEAD")
    #expect((#expect(throws: GitError.self) { try repo.blob(tree) })?.code == .notFound)
  }
}
