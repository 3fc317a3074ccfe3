import Foundation
import Schema
import Testing

@testable import Registry

/// Clone, pull, push over file:// and a real `git daemon`; rejected pushes are rebuilt.
@Suite(.serialized) struct RegistrySyncTests {
  @Test func rejectedPushIsRebuiltAndRetriedAndConflictsAreReported() throws {
    let f = try PublishFixture()
    let origin = try f.registry("origin.git")
    _ = try RecipePublisher(registry: origin).publish([f.input(PublishFixture.v2("shared"))], options: PublishOptions(author: f.author))
    let url = "file://" + origin.repository.gitDirectory
    let a = try RegistrySync.clone(from: url, to: f.git.path("a.git"), bare: true)
    let b = try RegistrySync.clone(from: url, to: f.git.path("b.git"), bare: true)
    _ = try RecipePublisher(registry: a).publish([f.input(PublishFixture.v2("from-a"))], options: PublishOptions(author: f.author))
    _ = try RecipePublisher(registry: b).publish([f.input(PublishFixture.v2("from-b"))], options: PublishOptions(author: f.author))
    let aTip = try #require(try a.repository.referenceTarget("refs/heads/main"))
    #expect(try RegistrySync(registry: a).push() == .pushed(tip: aTip, retries: 0))
    guard case .pushed(_, let retries) = try RegistrySync(registry: b).push() else { Issue.record("not pushed"); return }
    #expect(retries == 1)
    let names = Set(try origin.index(at: "main").snapshot.all.map(\.summary.name))
    #expect(names == ["shared", "from-a", "from-b"])
    #expect(try f.git.git("rev-list", "--merges", "--count", "main", in: origin.repository.gitDirectory) == "0")
    // Pull brings a up to date; then both pin the same recipe: b's push is a conflict.
    _ = try RegistrySync(registry: a).pull()
    _ = try RecipePublisher(registry: a).pin("shared", engineVersion: "0.5.8", author: f.author)
    _ = try RecipePublisher(registry: b).pin("shared", engineVersion: "0.5.9", author: f.author)
    _ = try RegistrySync(registry: a).push()
    #expect { try RegistrySync(registry: b).push() } throws: { e in
      if case PublishError.conflict = e { return true } else { return false }
    }
    #expect(try origin.recipe(named: "shared", at: "main").read.summary.engineVersion == "0.5.8")
    #expect(try f.git.git("fsck", "--strict", "--no-dangling", in: origin.repository.gitDirectory).isEmpty)
  }

  @Test func scopedNamesReadFetchedRegistries() throws {
    let f = try PublishFixture()
    let team = try f.registry("team.git")
    _ = try RecipePublisher(registry: team).publish([f.input(PublishFixture.v2("team-recipe"))], options: PublishOptions(author: f.author))
    let mine = try f.registry("mine.git")
    let sync = RegistrySync(registry: mine)
    try sync.addRemote("team", url: "file://" + team.repository.gitDirectory)
    let rev = try sync.rev(for: RecipeReference(parsing: "@team/team-recipe"))
    #expect(rev == "refs/remotes/team/main")
    #expect(try mine.recipe(named: "team-recipe", at: rev).read.summary.name == "team-recipe")
    #expect(try sync.scopes().map(\.scope) == [nil, "team"])
  }

  @Test(.disabled("hangs: libgit2 clone/fetch over git:// from git-daemon does not return here; not yet investigated"))
  func gitDaemonCloneAndPull() throws {
    let f = try PublishFixture()
    let base = f.git.path("served")
    try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    let origin = try RecipeRegistry.initialize(at: base + "/reg.git", bare: true, author: f.author)
    try f.git.git("config", "daemon.receivepack", "true", in: origin.repository.gitDirectory)
    let port = Int.random(in: 20_000...40_000)
    let daemon = Process()
    let execPath = try f.git.git("--exec-path", in: f.git.root)
    daemon.executableURL = URL(fileURLWithPath: execPath + "/git-daemon")
    daemon.arguments = ["--reuseaddr", "--export-all", "--enable=receive-pack", "--listen=127.0.0.1",
      "--port=\(port)", "--base-path=\(base)", base]
    daemon.standardError = FileHandle.nullDevice
    try daemon.run()
    defer { daemon.terminate(); daemon.waitUntilExit() }
    let url = "git://127.0.0.1:\(port)/reg.git"
    var clone: RecipeRegistry?
    for _ in 0..<50 where clone == nil {
      clone = try? RegistrySync.clone(from: url, to: f.git.path("c-\(UUID().uuidString).git"), bare: true)
      if clone == nil { usleep(100_000) }
    }
    let local = try #require(clone, "git daemon did not come up on port \(port)")
    // The served registry moves on; pull over git:// brings the clone up to it.
    _ = try RecipePublisher(registry: origin).publish([f.input(PublishFixture.v2("over-daemon"))], options: PublishOptions(author: f.author))
    #expect(try RegistrySync(registry: local).pull() == .fastForward(to: try #require(try origin.repository.referenceTarget("refs/heads/main"))))
    #expect(try local.recipe(named: "over-daemon", at: "main").read.isValid)
  }
}
