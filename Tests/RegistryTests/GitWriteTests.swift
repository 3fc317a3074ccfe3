import Foundation
import Registry
import Testing

@Suite("GitRepository: writing blobs, trees, commits and references")
struct GitWriteTests {
  let author = Signature(
    name: "Pub Lisher", email: "pub@example.com", time: 1_710_000_000,
    offsetMinutes: -300)

  @Test("publish flow on a bare repository: blob, tree, commit, ref; fsck clean")
  func writeOnBareRepository() throws {
    let fx = try GitFixture()
    let repo = try GitRepository.create(at: fx.path("reg.git"), bare: true)
    let dir = fx.path("reg.git")

    let a = try repo.writeBlob("name: a\n")
    try fx.write("a.txt", "name: a\n", in: fx.root)
    #expect(a.hex == (try fx.git("hash-object", fx.path("a.txt"), in: dir)))
    let b = try repo.writeBlob(Array("name: b\n".utf8))
    let r = try repo.writeBlob("root: recipes\n")

    let tree1 = try repo.updatedTree(
      from: nil,
      applying: [
        .upsert(path: "recipes/org/m/sglang/a.yaml", blob: a),
        .upsert(path: "recipes/org/m/vllm/b.yaml", blob: b),
        .upsert(path: "registry.yaml", blob: r),
      ])
    let c1 = try repo.createCommit(
      tree: tree1, parents: [], author: author, message: "Add a and b\n")
    #expect(try repo.referenceTarget("refs/heads/main") == nil)  // no ref moved yet
    try repo.updateReference("refs/heads/main", to: c1, expecting: .absent, message: "publish a, b")

    #expect(try fx.git("rev-parse", "main", in: dir) == c1.hex)
    #expect(
      try fx.git("ls-tree", "-r", "--name-only", "main", in: dir).split(separator: "\n") == [
        "recipes/org/m/sglang/a.yaml", "recipes/org/m/vllm/b.yaml", "registry.yaml",
      ])
    #expect(
      try fx.git("log", "--format=%an <%ae> %at %s", "main", in: dir)
        == "Pub Lisher <pub@example.com> 1710000000 Add a and b")
    let catFile = try fx.git("cat-file", "-p", c1.hex, in: dir)
    #expect(catFile.contains("tree \(tree1.hex)\n"))
    #expect(catFile.contains("author Pub Lisher <pub@example.com> 1710000000 -0500\n"))

    // Second commit: change one file, drop the only file of a directory, add a new one.
    let a2 = try repo.writeBlob("name: a\nversion: 2\n")
    let c = try repo.writeBlob("name: c\n")
    let tree2 = try repo.updatedTree(
      from: tree1,
      applying: [
        .upsert(path: "recipes/org/m/sglang/a.yaml", blob: a2),
        .remove(path: "recipes/org/m/vllm/b.yaml"),
        .upsert(path: "recipes/other/x/sglang/c.yaml", blob: c, mode: .executable),
      ])
    let c2 = try repo.createCommit(
      tree: tree2, parents: [c1], author: author,
      committer: Signature(name: "Bot", email: "bot@example.com", time: 1_710_000_100),
      message: "Update a, remove b, add c\n")
    try repo.updateReference(
      "refs/heads/main", to: c2, expecting: .value(c1), message: "publish a, c")
    #expect(try fx.git("rev-parse", "main~1", in: dir) == c1.hex)
    #expect(
      try fx.git("ls-tree", "-r", "main", in: dir).split(separator: "\n") == [
        "100644 blob \(a2.hex)\trecipes/org/m/sglang/a.yaml",
        "100755 blob \(c.hex)\trecipes/other/x/sglang/c.yaml",
        "100644 blob \(r.hex)\tregistry.yaml",
      ])
    #expect(
      try fx.git("log", "-1", "--format=%cn <%ce> %ct", "main", in: dir)
        == "Bot <bot@example.com> 1710000100")
    // Untouched content keeps its ids; only the trees on changed paths are new.
    #expect(try fx.git("rev-parse", "main:registry.yaml", in: dir) == r.hex)
    #expect(try fx.git("fsck", "--strict", "--no-dangling", in: dir) == "")

    let missing = #expect(throws: GitError.self) {
      try repo.updatedTree(from: tree2, applying: [.remove(path: "recipes/none.yaml")])
    }
    #expect(missing != nil)
  }

  @Test("subtrees not on a changed path are reused by id")
  func updatedTreeOnlyRewritesChangedPath() throws {
    let fx = try GitFixture()
    let repo = try GitRepository.create(at: fx.path("r.git"), bare: true)
    var changes = [TreeChange]()
    for org in 0..<5 {
      for n in 0..<20 {
        changes.append(
          .upsert(path: "recipes/o\(org)/m\(n).yaml", blob: try repo.writeBlob("\(org)-\(n)\n")))
      }
    }
    let base = try repo.updatedTree(from: nil, applying: changes)
    let next = try repo.updatedTree(
      from: base,
      applying: [
        .upsert(path: "recipes/o3/m7.yaml", blob: try repo.writeBlob("changed\n"))
      ])
    #expect(next != base)
    let recipesOld = try #require(try repo.entry(at: "recipes", inTree: base))
    let recipesNew = try #require(try repo.entry(at: "recipes", inTree: next))
    #expect(recipesOld.id != recipesNew.id)
    for org in 0..<5 {
      let old = try #require(try repo.entry(at: "recipes/o\(org)", inTree: base))
      let new = try #require(try repo.entry(at: "recipes/o\(org)", inTree: next))
      #expect((old.id == new.id) == (org != 3), "o\(org)")
    }
    #expect(try repo.blobEntries(inTree: next).count == 100)
    #expect(try repo.diff(from: base, to: next).map(\.newPath) == ["recipes/o3/m7.yaml"])
  }

  @Test("compare-and-swap with a stale old id fails with .modified and leaves the ref unchanged")
  func compareAndSwap() throws {
    let fx = try GitFixture()
    let dir = try fx.makeRepo()
    try fx.write("a", "1\n", in: dir)
    let first = try fx.commitAll("one", in: dir)
    try fx.write("a", "2\n", in: dir)
    let second = try fx.commitAll("two", in: dir)
    let repo = try GitRepository(at: dir)
    let c1 = try #require(ObjectID(hex: first))
    let c2 = try #require(ObjectID(hex: second))
    let tip = try repo.createCommit(
      tree: repo.tree(at: "HEAD"), parents: [c2], author: author, message: "three\n")

    let stale = #expect(throws: GitError.self) {
      try repo.updateReference("refs/heads/main", to: tip, expecting: .value(c1), message: "x")
    }
    #expect(stale?.code == .modified)
    #expect(stale?.description.contains("refs/heads/main") == true)
    #expect(try fx.git("rev-parse", "main", in: dir) == second)

    let exists = #expect(throws: GitError.self) {
      try repo.updateReference("refs/heads/main", to: tip, expecting: .absent, message: "x")
    }
    #expect(exists?.code == .modified)
    #expect(try fx.git("rev-parse", "main", in: dir) == second)

    let gone = #expect(throws: GitError.self) {
      try repo.updateReference("refs/heads/nope", to: tip, expecting: .value(c2), message: "x")
    }
    #expect(gone?.code == .modified)
    #expect(
      try fx.git(
        "rev-parse", "--verify", "--quiet", "refs/heads/nope", in: dir,
        allowFailure: true) == "")

    try repo.updateReference(
      "refs/heads/main", to: tip, expecting: .value(c2), message: "publish: three")
    #expect(try fx.git("rev-parse", "main", in: dir) == tip.hex)
    #expect(try fx.git("reflog", "-1", "--format=%gs", "main", in: dir) == "publish: three")
    try repo.updateReference("refs/heads/new", to: c1, expecting: .absent, message: "branch")
    #expect(try fx.git("rev-parse", "new", in: dir) == first)
    try repo.updateReference("refs/heads/new", to: c2, expecting: .any, message: "force")
    #expect(try fx.git("rev-parse", "new", in: dir) == second)
    try repo.deleteReference("refs/heads/new")
    #expect(try repo.referenceTarget("refs/heads/new") == nil)

    // Another writer holding the ref lock.
    let lock = dir + "/.git/refs/heads/main.lock"
    #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
    let locked = #expect(throws: GitError.self) {
      try repo.updateReference("refs/heads/main", to: c1, expecting: .value(tip), message: "x")
    }
    #expect(locked?.code == .locked)
    try FileManager.default.removeItem(atPath: lock)
    #expect(try fx.git("rev-parse", "main", in: dir) == tip.hex)

    let invalid = #expect(throws: GitError.self) {
      try repo.updateReference("refs/heads/a..b", to: c1, expecting: .any, message: "x")
    }
    #expect(invalid?.code == .invalidSpec)
  }

  @Test("concurrent compare-and-swap publishers: every update lands exactly once")
  func concurrentPublishers() async throws {
    let fx = try GitFixture()
    let path = fx.path("r.git")
    let repo = try GitRepository.create(at: path, bare: true)
    let sig = author
    let root = try repo.createCommit(
      tree: repo.emptyTree(), parents: [], author: sig, message: "root\n")
    try repo.updateReference("refs/heads/main", to: root, expecting: .absent, message: "init")

    let workers = 4
    let perWorker = 5
    _ = try await withThrowingTaskGroup(of: Int.self) { group in
      for w in 0..<workers {
        group.addTask {
          let local = try GitRepository(at: path)
          var lost = 0
          for i in 0..<perWorker {
            let blob = try local.writeBlob("w\(w) i\(i)\n")
            while true {
              let tip = try #require(try local.referenceTarget("refs/heads/main"))
              let tree = try local.updatedTree(
                from: local.commit(tip).treeID,
                applying: [.upsert(path: "recipes/w\(w)/r\(i).yaml", blob: blob)])
              let commit = try local.createCommit(
                tree: tree, parents: [tip], author: sig, message: "w\(w) i\(i)\n")
              do {
                try local.updateReference(
                  "refs/heads/main", to: commit, expecting: .value(tip), message: "publish")
                break
              } catch let error as GitError where error.code == .modified || error.code == .locked {
                lost += 1
              }
            }
          }
          return lost
        }
      }
      return try await group.reduce(0, +)
    }
    #expect(try fx.git("rev-list", "--count", "main", in: path) == "\(workers * perWorker + 1)")
    #expect(try repo.blobEntries(inTree: repo.tree(at: "main")).count == workers * perWorker)
    #expect(try fx.git("fsck", "--strict", "--no-dangling", in: path) == "")
  }
}
