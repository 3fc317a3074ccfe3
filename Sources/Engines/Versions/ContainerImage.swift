import Schema

/// A container image reference and the engine version its tag names, if any.
///
/// `lmsysorg/sglang:v0.5.8-cu130` → repository `lmsysorg/sglang`, tag `v0.5.8-cu130`,
/// version `0.5.8`. `vllm/vllm-openai:nightly`, `lmsysorg/sglang:dev` or a missing tag
/// (implicitly `latest`) give no version and set ``isMovingTag``. A digest
/// (`image@sha256:…`) pins the bytes whatever the tag says (``isPinnedByDigest``).
///
/// The version is the longest leading part of the tag, split at `-`, that parses as an
/// ``EngineVersion`` with at least two release components (so date tags such as
/// `20260609` are not versions). Failing that, a `-`-separated word of the tag that is a
/// llama.cpp build number of four or more digits is the version: `server-cuda-b8094` and
/// `b8094-cu131` → `b8094`. For Dynamo runtime images
/// (`nvcr.io/nvidia/ai-dynamo/sglang-runtime:0.6.1`) this is the Dynamo release, not the
/// version of the engine inside.
public struct ContainerImage: Sendable, Hashable, CustomStringConvertible {
  /// The reference as written.
  public let reference: String
  /// Registry and path without tag or digest, e.g. `nvcr.io/nvidia/ai-dynamo/sglang-runtime`.
  public let repository: String
  /// The tag, nil when absent.
  public let tag: String?
  /// The digest after `@`, e.g. `sha256:46da…`, nil when absent.
  public let digest: String?
  /// The version named by the tag, nil when the tag names none.
  public let version: EngineVersion?
  /// True when the tag is known to move (`latest`, `dev`, `nightly…`, `main`) or absent.
  public let isMovingTag: Bool

  /// Tags (or tag prefixes before `-`) that are republished over time. `server`, `full`
  /// and `light` are llama.cpp's unversioned tags (`server-cuda` is the newest build).
  static let movingTagWords: Set<String> = [
    "latest", "dev", "nightly", "main", "master", "edge", "stable", "head", "unstable",
    "server", "full", "light",
  ]

  /// Splits `reference` into repository, tag and digest and extracts the version.
  public init(_ reference: String) {
    self.reference = reference
    let parts = ImageReference(reference)
    repository = parts.repository
    tag = parts.tag
    digest = parts.digest
    if let tag {
      version = ContainerImage.version(fromTag: tag)
      let firstWord = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
      isMovingTag =
        version == nil
        && (ContainerImage.movingTagWords.contains(firstWord)
          || ContainerImage.movingTagWords.contains(tag.lowercased()))
    } else {
      version = nil
      isMovingTag = true
    }
  }

  /// True when the reference carries a digest.
  public var isPinnedByDigest: Bool { digest != nil }

  /// Whether this is an NVIDIA Dynamo runtime image (`nvcr.io/nvidia/ai-dynamo/*-runtime`),
  /// whose tag is Dynamo's release, not the engine's.
  public var isDynamoRuntime: Bool { DynamoRuntimeImage.matches(reference) }

  /// The engine version the image pins: its tag's version, except for images whose tag
  /// names something else (Dynamo runtimes).
  public var engineVersion: EngineVersion? { isDynamoRuntime ? nil : version }

  /// The reference as written.
  public var description: String { reference }

  /// The version named by an image tag, or nil.
  ///
  /// - Parameter tag: e.g. `v0.5.8.post1-cu130-runtime`, `0.16.0-t5`, `v0.17.0`,
  ///   `server-cuda-b8094`.
  public static func version(fromTag tag: String) -> EngineVersion? {
    guard let first = tag.utf8.first else { return nil }
    let startsLikeVersion =
      (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
      || first == UInt8(ascii: "v") || first == UInt8(ascii: "V")
    guard startsLikeVersion else { return buildNumber(inTag: tag) }
    // The whole tag, then shorter and shorter prefixes ending before a `-`.
    var end = tag.endIndex
    while true {
      if let v = EngineVersion(String(tag[..<end])), v.release.count >= 2 { return v }
      guard let dash = tag[..<end].lastIndex(of: "-") else { return buildNumber(inTag: tag) }
      end = dash
    }
  }

  /// The first `-`-separated word of `tag` that is a build number of at least four digits.
  private static func buildNumber(inTag tag: String) -> EngineVersion? {
    for word in tag.split(separator: "-") where word.utf8.count >= 5 {
      if let v = EngineVersion(String(word)), v.scheme == .build { return v }
    }
    return nil
  }
}
