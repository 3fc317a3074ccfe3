import Foundation
import Registry
import Testing

@Suite("GitRepository: remotes over file:// URLs")
struct GitRemoteTests {
  @Test("clone, add and list remotes, push and fetch through a file:// remote")
  func cloneFetchPush() throws {
    let fx = try GitFixture()
    let origin = fx.path("origin.git")
    try fx.git("init", "-q", "--bare", "-b", "main", origin, in: fx.root)
    let seed = try fx.makeRepo("seed")
    try fx.write("registry.yaml", "root: recipes\n", in: seed)
    try fx.commitAll("seed", in: seed)
    try fx.git("push", "-q", origin, "main", in: seed)
    let url = "file://" + origin

    let clone = try GitRepository.clone(from: url, to: fx.path("clone.git"), bare: true)
    #expect(clone.isBare)
    #expect(try clone.resolve("main").hex == fx.git("rev-parse", "main", in: origin))
    #expect(try clone.remotes() == [Remote(name: "origin", url: url)])
    let work = try GitRepository.clone(from: url, to: fx.path("clone-work"))
    #expect(!work.isBare)
    #expect(FileManager.default.fileExists(atPath: fx.path("clone-work/registry.yaml")))

    // Publish in the clone and push it.
    let sig = Signature(name: "P", email: "p@example.com", time: 1_720_000_000)
    let parent = try clone.resolve("main")
    let tree = try clone.updatedTree(
      from: clone.commit(parent).treeID,
      applying: [.upsert(path: "recipes/a.yaml", blob: clone.writeBlob("name: a\n"))])
    let commit = try clone.createCommit(tree: tree, parents: [parent], author: sig, message: "a\n")
    try clone.updateReference(
      "refs/heads/main", to: commit, expecting: .value(parent), message: "publish")
    try clone.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"])
    #expect(try fx.git("rev-parse", "main", in: origin) == commit.hex)

    // A non-fast-forward push is rejected and leaves the remote alone.
    let rewritten = try clone.createCommit(
      tree: tree, parents: [parent], author: sig, message: "other\n")
    try clone.updateReference("refs/heads/main", to: rewritten, expecting: .any, message: "rewrite")
    let rejected = #expect(throws: GitError.self) {
      try clone.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"])
    }
    #expect(rejected?.code == .nonFastForward, "\(String(describing: rejected))")
    #expect(try fx.git("rev-parse", "main", in: origin) == commit.hex)

    // Fetch picks up a commit pushed by someone else.
    try fx.git("pull", "-q", origin, "main", in: seed)
    try fx.write("recipes/b.yaml", "name: b\n", in: seed)
    let other = try fx.commitAll("b", in: seed)
    try fx.git("push", "-q", origin, "main", in: seed)
    try work.fetch(remote: "origin")
    #expect(try work.referenceTarget("refs/remotes/origin/main")?.hex == other)
    try clone.fetch(remote: "origin", refspecs: ["+refs/heads/main:refs/remotes/origin/main"])
    #expect(try clone.referenceTarget("refs/remotes/origin/main")?.hex == other)

    // Adding remotes.
    let mirror = fx.path("mirror.git")
    try fx.git("init", "-q", "--bare", mirror, in: fx.root)
    try work.addRemote(named: "mirror", url: "file://" + mirror)
    #expect(try work.remotes().map(\.name) == ["mirror", "origin"])
    #expect(
      try fx.git("remote", "get-url", "mirror", in: fx.path("clone-work")) == "file://" + mirror)
    let duplicate = #expect(throws: GitError.self) { try work.addRemote(named: "mirror", url: url) }
    #expect(duplicate?.code == .exists)
    try work.push(remote: "mirror", refspecs: ["refs/remotes/origin/main:refs/heads/main"])
    #expect(try fx.git("rev-parse", "main", in: mirror) == other)
    let unknown = #expect(throws: GitError.self) { try work.fetch(remote: "nope") }
    #expect(unknown?.code == .notFound)
  }
}
