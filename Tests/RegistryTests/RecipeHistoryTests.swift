import Foundation
import Schema
import TestSupport
import Testing

@testable import Registry

/// History equals `git log --follow`; field timelines; semantic diffs; the embedded-registry
/// pin history of the "done when".
@Suite struct RecipeHistoryTests {
  @Test func historyEqualsGitLogFollowAcrossARename() throws {
    let f = try PublishFixture()
    let registry = try f.registry("work", bare: false)
    let dir = try #require(registry.repository.workingDirectory)
    try f.git.git("checkout", "-q", "-f", "main", in: dir)
    try f.git.write("recipes/a/old.yaml", PublishFixture.v2("theta"), in: dir)
    try f.git.commitAll("add", in: dir)
    try f.git.write("recipes/a/other.yaml", PublishFixture.v2("iota"), in: dir)
    try f.git.commitAll("unrelated", in: dir)
    try f.git.write("recipes/a/old.yaml", PublishFixture.v2("theta", version: "0.5.6"), in: dir)
    try f.git.commitAll("bump", in: dir)
    try FileManager.default.createDirectory(
      atPath: dir + "/recipes/b", withIntermediateDirectories: true)
    try f.git.git("mv", "recipes/a/old.yaml", "recipes/b/new.yaml", in: dir)
    try f.git.commitAll("move", in: dir)
    try f.git.write("recipes/b/new.yaml", PublishFixture.v2("theta", version: "0.5.8"), in: dir)
    try f.git.commitAll("bump again", in: dir)
    let ours = try RecipeHistory(registry: registry).commits(named: "theta")
    let theirs = try f.git.gitLines(
      "log", "--follow", "--format=%H", "--", "recipes/b/new.yaml", in: dir)
    #expect(ours.map(\.commit.id.hex) == theirs)
    // Same content per commit as `git log --follow -p`: the blob at the path.
    for e in ours {
      let blob = try f.git.git("rev-parse", "\(e.commit.id.hex):\(e.path)", in: dir)
      #expect(e.blobID?.hex == blob)
    }
    #expect(
      ours.map(\.path) == [
        "recipes/b/new.yaml", "recipes/b/new.yaml", "recipes/a/old.yaml", "recipes/a/old.yaml",
      ])
    #expect(ours[1].renamedFrom == "recipes/a/old.yaml")
    let values = try RecipeHistory(registry: registry).fieldChanges(
      named: "theta", field: "engine.version")
    #expect(values.map(\.new) == ["0.5.8", "0.5.6", "0.5.5"])
    #expect(values.map(\.old) == ["0.5.6", "0.5.5", nil])
    let timeline = try RecipeHistory(registry: registry).fieldTimeline(field: "engine.version")
    #expect(timeline.filter { $0.name == "theta" }.map(\.new) == ["0.5.8", "0.5.6", "0.5.5"])
    #expect(timeline.filter { $0.name == "iota" }.count == 1)
  }

  @Test func semanticDiffOnHandMadePairs() {
    func diff(_ a: String, _ b: String) -> [FieldChange] {
      SemanticDiff.compare(Array(a.utf8), Array(b.utf8))
    }
    #expect(diff("a: 1\nb: x\n", "b: x  # c\na: 1\n").isEmpty)
    #expect(diff("a: 0.90\n", "a: 0.9\n").isEmpty)
    #expect(diff("a: \"1\"\n", "a: 1\n") == [FieldChange(path: "a", old: "\"1\"", new: "1")])
    #expect(
      diff("engine: {version: v0.5.5}\n", "engine:\n  version: v0.5.8\n  image: x\n") == [
        FieldChange(path: "engine.version", old: "v0.5.5", new: "v0.5.8"),
        FieldChange(path: "engine.image", old: nil, new: "x"),
      ])
    #expect(
      diff("l: [1, 2, 3]\n", "l: [1, 3]\n") == [
        FieldChange(path: "l[1]", old: "2", new: "3"),
        FieldChange(path: "l[2]", old: "3", new: nil),
      ])
  }

  /// "Done when": on a clone of this project (the embedded registry), publish a recipe and
  /// pin it twice; `history --field sglang_version` shows the three values.
  @Test func embeddedRegistryPinHistory() throws {
    let f = try PublishFixture()
    let clone = f.git.path("project.git")
    try f.git.git(
      "clone", "-q", "--bare", "--no-local", PackageRoot.url.path, clone, in: f.git.root)
    let registry = try RecipeRegistry.open(at: clone)
    let publisher = RecipePublisher(registry: registry)
    let v1 =
      "# a v1 recipe for the pin history\nname: pin-history-demo\nsglang_version: v0.5.5  # first pin\nmodel:\n  path: deepseek-ai/DeepSeek-R1\n  container: lmsysorg/sglang:v0.5.5\nresources:\n  gpu_type: gb200\n  gpus_per_node: 4\n  agg_nodes: 1\n  agg_workers: 1\nbackend:\n  type: sglang\n  sglang_config:\n    aggregated:\n      tp-size: 4\n"
    let branch = "pin-demo"
    let start = try registry.repository.resolve("HEAD")
    try registry.repository.updateReference(
      "refs/heads/" + branch, to: start, expecting: .absent, message: "test")
    let published = try publisher.publish(
      [f.input(v1)], options: PublishOptions(author: f.author, branch: branch, keepFormat: true))
    #expect(
      published.recipes[0].path
        == "registry/recipes/deepseek-ai/deepseek-r1/sglang/pin-history-demo.yaml")
    let bob = Signature(name: "Bob", email: "bob@example.com", time: 1_700_000_100)
    _ = try publisher.pin(
      "pin-history-demo", engineVersion: "v0.5.6", message: "Pin to v0.5.6: fixes the MTP hang",
      author: bob, branch: branch)
    _ = try publisher.pin(
      "pin-history-demo", engineVersion: "v0.5.8", author: f.author, branch: branch)
    let changes = try RecipeHistory(registry: registry).fieldChanges(
      named: "pin-history-demo", field: "sglang_version", from: branch)
    #expect(changes.map(\.new) == ["v0.5.8", "v0.5.6", "v0.5.5"])
    #expect(changes[1].commit.author.name == "Bob")
    #expect(changes[1].commit.summary == "Pin to v0.5.6: fixes the MTP hang")
    let text = String(
      decoding: try registry.recipe(named: "pin-history-demo", at: branch).bytes, as: UTF8.self)
    // The container's tag moved with each pin (issue 16), the rest is byte for byte.
    #expect(
      text
        == v1.replacingOccurrences(of: "v0.5.5  # first pin", with: "v0.5.8  # first pin")
        .replacingOccurrences(
          of: "container: lmsysorg/sglang:v0.5.5", with: "container: lmsysorg/sglang:v0.5.8"))
  }
}
