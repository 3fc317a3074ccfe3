import Schema
import Testing

/// One reading of image references (issue 16): a digest pins the bytes and leaves the tag
/// readable, for the v1 accessors as for ``ImageReference``.
@Suite struct ImageReferenceTests {
  static let digest = "sha256:46da022ce07aae43e4ffae844aeab467a223437e071abadf566555699fbf16c3"

  @Test func tagAndDigestAreBothRead() {
    let r = ImageReference("vllm/vllm-openai:v0.20.0-ubuntu2404@" + Self.digest)
    #expect(
      r.repository == "vllm/vllm-openai" && r.tag == "v0.20.0-ubuntu2404" && r.digest == Self.digest
    )
    #expect(r.isPinnedByDigest)
    let bare = ImageReference("lmsysorg/sglang@" + Self.digest)
    #expect(bare.repository == "lmsysorg/sglang" && bare.tag == nil && bare.isPinnedByDigest)
    let port = ImageReference("registry.local:5000/team/sglang")
    #expect(
      port.repository == "registry.local:5000/team/sglang" && port.tag == nil
        && !port.isPinnedByDigest)
  }

  @Test func v1EngineVersionReadsTheTagOfADigestPinnedContainer() throws {
    func version(_ container: String) -> String? {
      let text = "name: x\nmodel:\n  path: a/b\n  container: \"\(container)\"\n"
      return RecipeV1.decode(bytes: Array(text.utf8), file: "x.yaml").0?.engineVersion
    }
    #expect(version("vllm/vllm-openai:v0.20.0-ubuntu2404@" + Self.digest) == "v0.20.0-ubuntu2404")
    #expect(version("lmsysorg/sglang@" + Self.digest) == nil)
    #expect(version("lmsysorg/sglang:v0.5.8-cu130") == "v0.5.8-cu130")
    #expect(version("0.5.5.post2") == "0.5.5.post2")
  }
}
