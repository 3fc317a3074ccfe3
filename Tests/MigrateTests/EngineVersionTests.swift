import Engines
import Foundation
import Migrate
import TestSupport
import Testing

@Suite("EngineVersion")
struct EngineVersionTests {
  /// Real spellings in ascending order (PEP 440).
  static let ascending = [
    "0.4.0", "0.4.6.post5", "v0.5.0.dev1", "v0.5.0rc1", "0.5.0rc2", "0.5.0", "0.5.0.post1",
    "0.5.5", "v0.5.5.post2", "0.5.23", "0.6.6.post1", "0.8.5", "0.8.5.post1", "0.10.1",
    "0.10.1.1", "0.10.2", "v0.17.0", "0.33.0", "1.0.0a1", "1.0.0b2", "1.0.0rc1", "1.0.0",
  ]

  @Test(
    "ascending table sorts strictly", arguments: zip(ascending.dropLast(), ascending.dropFirst()))
  func ordering(lower: String, higher: String) throws {
    let a = try #require(EngineVersion(lower))
    let b = try #require(EngineVersion(higher))
    #expect(a < b, "\(lower) < \(higher)")
    #expect(!(b < a))
    #expect(a != b)
  }

  @Test func shuffledSortMatchesTable() throws {
    let versions = try Self.ascending.reversed().map { try #require(EngineVersion($0)) }
    #expect(versions.sorted().map(\.original) == Self.ascending)
  }

  @Test func devBeforeRcAndPadding() throws {
    let dev = try #require(EngineVersion("0.5.0.dev3"))
    let rc = try #require(EngineVersion("0.5.0rc0"))
    #expect(dev < rc)
    #expect(EngineVersion("0.5") == EngineVersion("0.5.0"))
    #expect(Set([EngineVersion("0.5")!, EngineVersion("v0.5.0")!]).count == 1)
    #expect(EngineVersion("0.5.5") != EngineVersion("0.5.5.post2"))
    // post-release dev sorts after the release itself.
    #expect(EngineVersion("0.5.0")! < EngineVersion("0.5.0.post1.dev0")!)
    #expect(EngineVersion("0.5.0.post1.dev0")! < EngineVersion("0.5.0.post1")!)
  }

  @Test func keepsSpellingAndNormalises() throws {
    let v = try #require(EngineVersion("v0.5.5.post2"))
    #expect(v.description == "v0.5.5.post2")
    #expect(v.normalized == "0.5.5.post2")
    #expect(v.release == [0, 5, 5])
    #expect(v.postRelease == 2)
    #expect(EngineVersion("0.5.0-RC2")?.normalized == "0.5.0rc2")
    #expect(EngineVersion("1.0+cu130")?.local == "cu130")
  }

  @Test(
    "rejects non-versions",
    arguments: [
      "", "v", "latest", "0.5.x", "1..2", "0.5.8-cu130", "abc1.0", "0.5 ", "b", "b8094-cu131",
      "B8094", "b80.94", "vb8094",
    ])
  func rejects(text: String) {
    #expect(EngineVersion(text) == nil)
  }

  @Test("llama.cpp build numbers order by number, after every PEP 440 version")
  func buildNumbers() throws {
    let b8094 = try #require(EngineVersion("b8094"))
    #expect(b8094.scheme == .build && b8094.release == [8094])
    #expect(b8094.normalized == "b8094" && b8094.description == "b8094")
    #expect(!b8094.isPreRelease)
    let builds = try ["b10001", "b812", "b8094", "b8076"].map { try #require(EngineVersion($0)) }
    #expect(builds.sorted().map(\.original) == ["b812", "b8076", "b8094", "b10001"])
    // Not the PEP 440 beta `0b8094`, nor the release 8094.
    #expect(b8094 != EngineVersion("8094") && b8094 != EngineVersion("0b8094"))
    #expect(EngineVersion("8094")?.scheme == .pep440)
    #expect(try #require(EngineVersion("99.0")) < b8094)
    #expect(Set([b8094, EngineVersion("b8094")!, EngineVersion("8094")!]).count == 2)
  }
}

@Suite("ContainerImage")
struct ContainerImageTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let reference: String
    let version: String?
    let moving: Bool
    var testDescription: String { reference }
  }

  /// Image references taken from /work/shared/corpus recipes and the brief.
  static let cases: [Case] = [
    Case(reference: "lmsysorg/sglang:v0.5.8-cu130", version: "0.5.8", moving: false),
    Case(reference: "lmsysorg/sglang:v0.5.5.post2", version: "0.5.5.post2", moving: false),
    Case(
      reference: "lmsysorg/sglang:v0.5.8.post1-cu130-runtime", version: "0.5.8.post1", moving: false
    ),
    Case(reference: "vllm/vllm-openai:v0.17.0", version: "0.17.0", moving: false),
    Case(
      reference: "nvcr.io/nvidia/ai-dynamo/sglang-runtime:0.6.1", version: "0.6.1", moving: false),
    Case(reference: "nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.0.0", version: "1.0.0", moving: false),
    Case(reference: "scitrera/dgx-spark-vllm:0.16.0-t5", version: "0.16.0", moving: false),
    Case(reference: "vllm/vllm-openai-rocm:v0.20.2", version: "0.20.2", moving: false),
    Case(reference: "lmsysorg/sglang:dev", version: nil, moving: true),
    Case(reference: "lmsysorg/sglang:latest", version: nil, moving: true),
    Case(reference: "lmsysorg/sglang:dev-cu13", version: nil, moving: true),
    Case(reference: "vllm/vllm-openai:nightly", version: nil, moving: true),
    Case(
      reference: "lmsysorg/sglang:nightly-dev-cu13-20260520-425dffbd", version: nil, moving: true),
    Case(reference: "vllm/vllm-openai", version: nil, moving: true),
    Case(reference: "vllm/vllm-openai:glm51-cu130", version: nil, moving: false),
    Case(reference: "scitrera/dgx-spark-vllm-jasl-ds4:20260609", version: nil, moving: false),
    Case(reference: "localhost:5000/sglang", version: nil, moving: true),
    // llama.cpp: the build number is a word of the tag (scitrera/oss-spark-run, ggml-org).
    Case(reference: "scitrera/dgx-spark-llama-cpp:b8094-cu131", version: "b8094", moving: false),
    Case(reference: "ghcr.io/ggml-org/llama.cpp:server-cuda-b8094", version: "b8094", moving: false),
    Case(reference: "ghcr.io/ggml-org/llama.cpp:full-b6500", version: "b6500", moving: false),
    Case(reference: "ghcr.io/ggml-org/llama.cpp:server-cuda", version: nil, moving: true),
    Case(reference: "ghcr.io/ggml-org/llama.cpp:server", version: nil, moving: true),
    Case(reference: "nvcr.io/example/trt:blackwell-b200", version: nil, moving: false),
  ]

  @Test(arguments: cases)
  func extraction(_ c: Case) {
    let image = ContainerImage(c.reference)
    #expect(image.version?.normalized == c.version)
    #expect(image.isMovingTag == c.moving)
  }

  @Test func digestPinned() throws {
    let ref =
      "vllm/vllm-openai:v0.20.0-ubuntu2404@sha256:46da022ce07aae43e4ffae844aeab467a223437e071abadf566555699fbf16c3"
    let image = ContainerImage(ref)
    #expect(image.repository == "vllm/vllm-openai")
    #expect(image.tag == "v0.20.0-ubuntu2404")
    #expect(image.digest?.hasPrefix("sha256:46da") == true)
    #expect(image.isPinnedByDigest)
    #expect(image.version?.original == "v0.20.0")
    let bare = ContainerImage("lmsysorg/sglang@sha256:abc")
    #expect(bare.tag == nil && bare.isPinnedByDigest && bare.version == nil)
    let port = ContainerImage("registry.local:5000/sglang:v0.5.9")
    #expect(port.repository == "registry.local:5000/sglang")
    #expect(port.version == EngineVersion("0.5.9"))
  }
}

@Suite("ContainerImage over the shared corpus")
struct CorpusImageTests {
  static let corpus = Corpus.root

  /// Every `lmsysorg/sglang:v…` / `vllm/vllm-openai:v…` reference in the corpus recipes
  /// yields a version whose release starts the tag, and versions sort consistently.
  @Test(.requiresCorpus)
  func versionedImageTagsParse() throws {
    let enumerator = try #require(
      FileManager.default.enumerator(atPath: Self.corpus), "cannot list \(Self.corpus)")
    var references: Set<String> = []
    for case let path as String in enumerator
    where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
      guard let text = Paths.read(Self.corpus + "/" + path) else { continue }
      for line in text.split(separator: "\n") {
        for repo in ["lmsysorg/sglang:v", "vllm/vllm-openai:v"] {
          guard let r = line.range(of: repo) else { continue }
          let ref = line[r.lowerBound...].prefix { !" \"'\t,".contains($0) }
          references.insert(String(ref))
        }
      }
    }
    try #require(!references.isEmpty, "no versioned sglang/vllm images found in \(Self.corpus)")
    var versions: [EngineVersion] = []
    for ref in references.sorted() {
      let image = ContainerImage(ref)
      let version = try #require(image.version, "\(ref)")
      #expect(!image.isMovingTag)
      #expect(image.tag?.hasPrefix(version.original) == true, "\(ref)")
      versions.append(version)
    }
    let sorted = versions.sorted()
    for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(a <= b) }
  }
}
