import Engines
import Foundation
import Migrate
import Schema
import TestSupport
import Testing

@testable import Registry

/// `registry upgrade`'s registry side: what an upgrade reads and may write, and its commit.
@Suite struct RecipeUpgradeTests {
  static let fixtures = PackageRoot.path("Tests/MigrateTests/Fixtures/upgrade")

  static func upgrade(to version: String) throws -> RecipeUpgrade {
    RecipeUpgrade(
      upgrader: Upgrader(catalogs: try FlagCatalogStore.load()),
      to: try #require(EngineVersion(version)))
  }

  static func publish(_ fixture: String, into registry: RecipeRegistry, _ f: PublishFixture) throws
  {
    let bytes = try #require(FileManager.default.contents(atPath: fixtures + "/" + fixture))
    _ = try RecipePublisher(registry: registry).publish(
      [RecipePublisher.Input(file: fixture, bytes: [UInt8](bytes))],
      options: PublishOptions(author: f.author, force: true, keepFormat: true))
  }

  @Test func publishingARecipeCommitsThePlanOfTheTipWithTheDefaultSubject() throws {
    let f = try PublishFixture()
    let registry = try f.registry()
    try Self.publish("sglang-v1-0.4-deepseek-v3-1p1d.yaml", into: registry, f)
    let before = try registry.resolve("main").commit
    let name = "deepseek-v3-fp8-h200-1p1d-sglang-0-4"

    let published = try Self.upgrade(to: "0.5.1").publish(
      recipe: name, in: registry, message: nil, author: f.author, branch: nil)

    let report = try #require(published.report)
    let plan = try #require(published.plan)
    #expect(plan.changes.count == 4)  // 2 renames, 1 drop, the pin
    #expect(published.file.hasSuffix(".yaml") && published.file.hasPrefix("recipes/"))
    #expect(try registry.resolve("main").commit == report.outcome.commit)
    let commit = try registry.repository.commit(report.outcome.commit)
    #expect(commit.summary == "Upgrade \(name) to 0.5.1 (from 0.4.6.post5)")
    #expect(commit.parentIDs == [before])
    #expect(RecipeUpgrade.message(plan, name: "x") == "Upgrade x to 0.5.1 (from 0.4.6.post5)")
  }

  @Test func aRefusedPlanWritesNothing() throws {
    let f = try PublishFixture()
    let registry = try f.registry()
    try Self.publish("sglang-0.4-deepseek-v3.yaml", into: registry, f)
    let before = try registry.resolve("main").commit

    // 0.5.23 replaces --enable-dp-attention with a value a human picks: refused.
    let published = try Self.upgrade(to: "0.5.23").publish(
      recipe: "deepseek-v3-fp8-h200-sglang-0-4", in: registry, message: "m", author: f.author,
      branch: nil)

    #expect(published.report == nil)
    #expect(published.plan?.refusals.isEmpty == false)
    #expect(try registry.resolve("main").commit == before)
  }

  @Test func aRegistryRecipeIsWritableOnlyAsItsUnchangedCheckedOutCopy() throws {
    let f = try PublishFixture()
    let bare = try f.registry("bare.git")
    try Self.publish("sglang-0.4-deepseek-v3.yaml", into: bare, f)
    let name = RecipeReference(parsing: "deepseek-v3-fp8-h200-sglang-0-4")
    let inBare = try RecipeUpgrade.source(of: name, in: bare)
    #expect(inBare.writablePath == nil)
    #expect(inBare.file.hasPrefix("recipes/"))

    let registry = try f.registry("work", bare: false)
    try Self.publish("sglang-0.4-deepseek-v3.yaml", into: registry, f)
    try registry.repository.checkoutHead()
    let source = try RecipeUpgrade.source(of: name, in: registry)
    let copy = f.git.path("work/" + source.file)
    #expect(source.writablePath == copy)
    #expect(
      try RecipeUpgrade.source(of: RecipeReference(parsing: name.name + "@HEAD"), in: registry)
        .writablePath == nil)
    try Data("# edited\n".utf8 + source.bytes).write(to: URL(fileURLWithPath: copy))
    #expect(try RecipeUpgrade.source(of: name, in: registry).writablePath == nil)
  }

  @Test func aFileIsItsOwnDestinationAndAMissingOneSaysSo() throws {
    let file = Self.fixtures + "/sglang-0.4-deepseek-v3.yaml"
    let source = try RecipeUpgrade.source(file: file)
    #expect(source.writablePath == file)
    #expect(source.bytes == [UInt8](try #require(FileManager.default.contents(atPath: file))))
    let error = #expect(throws: RegistryError.self) {
      try RecipeUpgrade.source(file: "/nonexistent/x.yaml")
    }
    #expect(error?.description == "cannot read /nonexistent/x.yaml")
    #expect(error?.kind == .failed)
  }
}
