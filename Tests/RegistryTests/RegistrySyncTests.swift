import Foundation
import Schema
import Testing

@testable import Registry

/// Clone, pull, push over file:// and a real `git daemon`; rejected pushes are rebuilt.
@Suite(.serialized) struct RegistrySyncTests {
  @Test func rejectedPushIsRebuiltAndRetriedAndConflictsAreReported() throws {
    let f = try PublishFixture()
    let origin = try f.registry("origin.git")
    _ = try RecipePublisher(registry: origin).publish(
      [f.input(PublishFixture.v2("shared"))], options: PublishOptions(author: f.author))
    let url = "file://" + origin.repository.gitDirectory
    let a = try RegistrySync.clone(from: url, to: f.git.path("a.git"), bare: true)
    let b = try RegistrySync.clone(from: url, to: f.git.path("b.git"), bare: true)
    _ = try RecipePublisher(registry: a).publish(
      [f.input(PublishFixture.v2("from-a"))], options: PublishOptions(author: f.author))
    _ = try RecipePublisher(registry: b).publish(
      [f.input(PublishFixture.v2("from-b"))], options: PublishOptions(author: f.author))
    let aTip = try #require(try a.repository.referenceTarget("refs/heads/main"))
    #expect(try RegistrySync(registry: a).push() == .pushed(tip: aTip, retries: 0))
    guard case .pushed(_, let retries) = try RegistrySync(registry: b).push() else {
      Issue.record("not pushed")
      return
    }
    #expect(retries == 1)
    let names = Set(try origin.index(at: "main").snapshot.all.map(\.summary.name))
    #expect(names == ["shared", "from-a", "from-b"])
    #expect(
      try f.git.git("rev-list", "--merges", "--count", "main", in: origin.repository.gitDirectory)
        == "0")
    // Pull brings a up to date; then both pin the same recipe: b's push is a conflict.
    _ = try RegistrySync(registry: a).pull()
    _ = try RecipePublisher(registry: a).pin("shared", engineVersion: "0.5.8", author: f.author)
    _ = try RecipePublisher(registry: b).pin("shared", engineVersion: "0.5.9", author: f.author)
    _ = try RegistrySync(registry: a).push()
    #expect { try RegistrySync(registry: b).push() } throws: { e in
      if case PublishError.conflict = e { return true } else { return false }
    }
    #expect(try origin.recipe(named: "shared", at: "main").read.summary.engineVersion == "0.5.8")
    #expect(
      try f.git.git("fsck", "--strict", "--no-dangling", in: origin.repository.gitDirectory).isEmpty
    )
  }

  @Test func scopedNamesReadFetchedRegistries() throws {
    let f = try PublishFixture()
    let team = try f.registry("team.git")
    _ = try RecipePublisher(registry: team).publish(
      [f.input(PublishFixture.v2("team-recipe"))], options: PublishOptions(author: f.author))
    let mine = try f.registry("mine.git")
    let sync = RegistrySync(registry: mine)
    try sync.addRemote("team", url: "file://" + team.repository.gitDirectory)
    let rev = try sync.rev(for: RecipeReference(parsing: "@team/team-recipe"))
    #expect(rev == "refs/remotes/team/main")
    #expect(try mine.recipe(named: "team-recipe", at: rev).read.summary.name == "team-recipe")
    #expect(try sync.scopes().map(\.scope) == [nil, "team"])
  }

  /// Clone, pull and push over `git://` from a real `git daemon` on 127.0.0.1; each transfer
  /// has a deadline (the daemon is killed past it), so a hang fails the test.
  @Test func gitDaemonClonePullAndPush() throws {
    let f = try PublishFixture()
    let base = f.git.path("served")
    try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    let origin = try RecipeRegistry.initialize(at: base + "/reg.git", bare: true, author: f.author)
    let daemon = try GitDaemon(
      serving: base, gitExecPath: try f.git.git("--exec-path", in: f.git.root))
    let url = daemon.url("reg.git")
    let local = try daemon.deadline(30, "clone") {
      try RegistrySync.clone(from: url, to: f.git.path("local.git"), bare: true)
    }
    // The served registry moves on; pull over git:// brings the clone up to it.
    _ = try RecipePublisher(registry: origin).publish(
      [f.input(PublishFixture.v2("over-daemon"))], options: PublishOptions(author: f.author))
    let served = try #require(try origin.repository.referenceTarget("refs/heads/main"))
    #expect(
      try daemon.deadline(30, "pull") { try RegistrySync(registry: local).pull() }
        == .fastForward(to: served))
    #expect(try local.recipe(named: "over-daemon", at: "main").read.isValid)
    // A local publish pushed over git:// lands on the served branch (cross-checked with git).
    _ = try RecipePublisher(registry: local).publish(
      [f.input(PublishFixture.v2("pushed-over-daemon"))], options: PublishOptions(author: f.author))
    let tip = try #require(try local.repository.referenceTarget("refs/heads/main"))
    #expect(
      try daemon.deadline(30, "push") { try RegistrySync(registry: local).push() }
        == .pushed(tip: tip, retries: 0))
    #expect(try f.git.git("rev-parse", "main", in: origin.repository.gitDirectory) == tip.hex)
    #expect(try f.git.git("ls-remote", url, "refs/heads/main", in: f.git.root).hasPrefix(tip.hex))
    #expect(
      try f.git.git("fsck", "--strict", "--no-dangling", in: origin.repository.gitDirectory).isEmpty
    )
  }
}
