import Foundation
import TestSupport
import Testing

@testable import Registry

/// Writes to the branch checked out in a non-bare registry update its staging index and work
/// tree (git's `updateInstead`), or are refused when local changes are in the way.
@Suite struct WorkTreeUpdateTests {
  @Test func publishPinAndDeprecateKeepTheWorkTreeClean() throws {
    let f = try PublishFixture()
    let registry = try f.registry("work", bare: false)
    let dir = try #require(registry.repository.workingDirectory)
    let publisher = RecipePublisher(registry: registry)
    let report = try publisher.publish(
      [f.input(PublishFixture.v2("alpha")), f.input(PublishFixture.v2("beta"), file: "b.yaml")],
      options: PublishOptions(author: f.author))
    _ = try publisher.pin("alpha", engineVersion: "0.5.9", author: f.author)
    _ = try publisher.deprecate("beta", reason: "superseded", author: f.author)
    #expect(try f.git.git("status", "--porcelain", in: dir).isEmpty)
    let files = try f.git.gitLines("ls-files", in: dir)
    for p in report.recipes.map(\.path) { #expect(files.contains(p)) }
    let alpha = try String(contentsOfFile: dir + "/" + report.recipes[0].path, encoding: .utf8)
    #expect(alpha.contains("version: 0.5.9"))
    // A replace that moves a recipe (new model) removes the old file from the work tree.
    _ = try publisher.publish(
      [f.input(PublishFixture.v2("beta", model: "org/Other"))],
      options: PublishOptions(author: f.author, replace: true))
    #expect(!FileManager.default.fileExists(atPath: dir + "/" + report.recipes[1].path))
    #expect(try f.git.git("status", "--porcelain", in: dir).isEmpty)
  }

  @Test func localChangesInTheWayRefuseTheWriteAndOthersAreKept() throws {
    let f = try PublishFixture()
    let registry = try f.registry("work", bare: false)
    let dir = try #require(registry.repository.workingDirectory)
    let publisher = RecipePublisher(registry: registry)
    let report = try publisher.publish(
      [f.input(PublishFixture.v2("alpha"))], options: PublishOptions(author: f.author))
    let path = report.recipes[0].path
    let edited = PublishFixture.v2("alpha") + "# mine\n"
    try f.git.write(path, edited, in: dir)
    let tip = try registry.repository.head()
    let error = #expect(throws: PublishError.self) {
      try publisher.pin("alpha", engineVersion: "0.5.9", author: f.author)
    }
    guard case .localChanges(let reference, let workTree, let paths)? = error else {
      Issue.record("expected localChanges, got \(String(describing: error))")
      return
    }
    #expect(reference == "refs/heads/main" && workTree == dir && paths == [path])
    #expect(error?.kind == .conflict)
    #expect(try registry.repository.head() == tip)
    #expect(try String(contentsOfFile: dir + "/" + path, encoding: .utf8) == edited)
    #expect(
      !FileManager.default.fileExists(
        atPath: registry.repository.gitDirectory + "/refs/heads/main.lock"))
  }

  /// `registry pull` into a checked-out branch fast-forwards the work tree with it.
  @Test func integrateFastForwardsTheWorkTree() throws {
    let f = try PublishFixture()
    let registry = try f.registry("work", bare: false)
    let dir = try #require(registry.repository.workingDirectory)
    let repo = registry.repository
    let main = try #require(try repo.head())
    try repo.updateReference("refs/heads/side", to: main, expecting: .absent, message: "test")
    let blob = try repo.writeBlob("a: 1\n")
    let outcome = try #require(
      try BranchWriter(repository: repo, reference: "side").commit(author: f.author) { _, _ in
        ([.upsert(path: "recipes/x/a.yaml", blob: blob, mode: .blob)], "side commit")
      })
    // Not the checked-out branch: the work tree stays as it is.
    #expect(!FileManager.default.fileExists(atPath: dir + "/recipes/x/a.yaml"))
    let result = try RegistrySync(registry: registry).integrate(
      outcome.commit, into: "refs/heads/main")
    #expect(result == .fastForward(to: outcome.commit))
    #expect(try String(contentsOfFile: dir + "/recipes/x/a.yaml", encoding: .utf8) == "a: 1\n")
    #expect(try f.git.git("status", "--porcelain", in: dir).isEmpty)
  }
}
