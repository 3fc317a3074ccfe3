import Engines
import Foundation
import TestSupport
import Testing

@testable import Registry

/// `pin --engine-version` moves the image tag with the version, as `upgrade` does, or refuses
/// when which image runs the new version cannot be told (issue 16).
@Suite struct PinImageTests {
  @Test func thePinMovesTheImageTag() throws {
    let f = try PublishFixture()
    let registry = try f.registry()
    let publisher = RecipePublisher(registry: registry)
    _ = try publisher.publish(
      [f.input(PublishFixture.v2("alpha", version: "0.5.5"))],
      options: PublishOptions(author: f.author))
    let report = try publisher.pin("alpha", engineVersion: "0.5.9", author: f.author)
    let text = String(decoding: try registry.recipe(named: "alpha").bytes, as: UTF8.self)
    #expect(text.contains("image: lmsysorg/sglang:v0.5.9-cu130"), "\(text)")
    #expect(text.contains("version: 0.5.9"))
    #expect(report.recipes.first?.summary.image == "lmsysorg/sglang:v0.5.9-cu130")
    let message = try registry.repository.commit(report.outcome.commit).message
    #expect(
      message.contains("image: lmsysorg/sglang:v0.5.5-cu130 -> lmsysorg/sglang:v0.5.9-cu130"),
      "\(message)")
    // Pinning the version the tag already names leaves the image as it is.
    _ = try publisher.pin("alpha", engineVersion: "v0.5.9", author: f.author)
    #expect(
      String(decoding: try registry.recipe(named: "alpha").bytes, as: UTF8.self).contains(
        "image: lmsysorg/sglang:v0.5.9-cu130"))
  }

  @Test func aDigestIsDroppedAndAnUnversionedTagRefuses() throws {
    #expect(
      try RecipePublisher.image(
        "vllm/vllm-openai:v0.20.0-ubuntu2404@sha256:46da", movedTo: "0.21.0", recipe: "r")
        == "vllm/vllm-openai:v0.21.0-ubuntu2404")
    #expect(
      try RecipePublisher.image("vllm/vllm-openai:v0.10.2", movedTo: "0.12.0", recipe: "r")
        == "vllm/vllm-openai:v0.12.0")
    for unversioned in [
      "lmsysorg/sglang:dev", "lmsysorg/sglang", "nvcr.io/nvidia/ai-dynamo/sglang-runtime:0.6.1",
    ] {
      #expect(throws: PublishError.self, "\(unversioned)") {
        try RecipePublisher.image(unversioned, movedTo: "0.5.9", recipe: "r")
      }
    }

    let f = try PublishFixture()
    let registry = try f.registry()
    let publisher = RecipePublisher(registry: registry)
    let dev = PublishFixture.v2("beta").replacingOccurrences(
      of: "lmsysorg/sglang:v0.5.5-cu130", with: "lmsysorg/sglang:dev")
    _ = try publisher.publish([f.input(dev)], options: PublishOptions(author: f.author))
    let tip = try registry.repository.head()
    let error = #expect(throws: PublishError.self) {
      try publisher.pin("beta", engineVersion: "0.5.9", author: f.author)
    }
    #expect(error?.description.contains("--image") == true, "\(String(describing: error))")
    #expect(try registry.repository.head() == tip)
    _ = try publisher.pin(
      "beta", engineVersion: "0.5.9", image: "lmsysorg/sglang:v0.5.9-cu130", author: f.author)
    #expect(
      String(decoding: try registry.recipe(named: "beta").bytes, as: UTF8.self).contains(
        "image: lmsysorg/sglang:v0.5.9-cu130"))
  }
  /// srtctl refuses unknown keys, and the srt layout has no `sglang_version`: pinning such a
  /// recipe moves its container tag only (inserting the key made srtctl reject the file), and
  /// the rest of the text stays as written, merge keys included.
  @Test func anSrtLayoutRecipeMovesOnlyItsContainer() throws {
    let srt = """
      name: srt-alpha
      model:
        path: Qwen/Qwen3-0.6B
        container: lmsysorg/sglang:v0.5.5
        precision: bf16
      resources:
        gpu_type: h100
        gpus_per_node: 8
        agg_nodes: 1
        agg_workers: 1
      backend:
        sglang_config:
          aggregated:
            <<: {tensor-parallel-size: 8}
            mem-fraction-static: 0.8

      """
    let f = try PublishFixture()
    let registry = try f.registry()
    let publisher = RecipePublisher(registry: registry)
    _ = try publisher.publish(
      [f.input(srt)], options: PublishOptions(author: f.author, keepFormat: true))
    _ = try publisher.pin("srt-alpha", engineVersion: "0.5.9", author: f.author)
    let text = String(decoding: try registry.recipe(named: "srt-alpha").bytes, as: UTF8.self)
    #expect(text.contains("container: lmsysorg/sglang:v0.5.9"), "\(text)")
    #expect(!text.contains("sglang_version"), "\(text)")
    #expect(text.contains("<<: {tensor-parallel-size: 8}"), "an in-place edit keeps merge keys")
    let pinned = try registry.recipe(named: "srt-alpha").read.summary.engineVersion
    #expect(
      pinned.flatMap(EngineVersion.init) == EngineVersion("0.5.9"), "\(String(describing: pinned))")

    // Without a container there is nothing that carries the version: refuse, naming --image.
    let bare = srt.replacingOccurrences(of: "  container: lmsysorg/sglang:v0.5.5\n", with: "")
      .replacingOccurrences(of: "srt-alpha", with: "srt-bare")
    _ = try publisher.publish(
      [f.input(bare)], options: PublishOptions(author: f.author, keepFormat: true))
    let error = #expect(throws: PublishError.self) {
      try publisher.pin("srt-bare", engineVersion: "0.5.9", author: f.author)
    }
    #expect(error?.description.contains("--image") == true, "\(String(describing: error))")
  }
}
