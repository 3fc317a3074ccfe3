import Schema
import Testing

/// ``ImageReference/read(_:)``: an image field that holds a pull command gives the image it
/// pulls; anything else that is not a reference gives nothing (the importer warns). The values
/// are the shapes of `docker_image` in the vllm-project/recipes corpus (every one: six plain
/// references and one `docker pull` command, MiniMax-M3's AMD override) and near misses.
@Suite struct ImageReferenceCommandTests {
  @Test("a reference reads as itself", arguments: [
    "vllm/vllm-openai:v0.20.2", "vllm/vllm-openai-rocm:nightly", "eugr/spark-vllm-b12x:latest",
    "quay.io/ascend/vllm-ascend:qwen3.8-a5", "vllm/vllm-openai:qwen38",
    "vllm/vllm-openai-rocm:nightly-4c626633159887b0f2c962058c17c78f1434556d",
    "registry.local:5000/team/sglang", "lmsysorg/sglang@sha256:"
      + "46da022ce07aae43e4ffae844aeab467a223437e071abadf566555699fbf16c3",
  ])
  func referenceIsItself(_ value: String) {
    #expect(ImageReference.read(value) == ImageReference.Found(reference: value, command: nil))
    #expect(ImageReference.read("  " + value + "\n")?.reference == value)
  }

  @Test func pullCommandGivesItsImage() {
    let corpus = "docker pull vllm/vllm-openai-rocm:nightly"
    #expect(
      ImageReference.read(corpus)
        == ImageReference.Found(reference: "vllm/vllm-openai-rocm:nightly", command: corpus))
    for command in [
      "sudo docker pull vllm/vllm-openai:v0.20.2", "podman pull docker.io/vllm/vllm-openai:v0.20.2",
      "docker image pull --platform linux/amd64 vllm/vllm-openai:v0.20.2",
      "docker pull -q --platform=linux/arm64 vllm/vllm-openai:v0.20.2",
    ] {
      #expect(ImageReference.read(command)?.reference.hasSuffix("vllm/vllm-openai:v0.20.2") == true)
      #expect(ImageReference.read(command)?.command == command)
    }
  }

  @Test("anything else is not read", arguments: [
    "", "docker run --gpus all vllm/vllm-openai:v0.20.2", "docker pull",
    "docker pull a/b:1 c/d:2", "docker pull --unknown-option a/b:1", "see the guide",
    "Vllm/vllm-openai:latest", "vllm/vllm-openai:-bad", "vllm//openai", "vllm/vllm-openai:",
    "lmsysorg/sglang@sha256:xyz",
  ])
  func othersAreNotRead(_ value: String) {
    #expect(ImageReference.read(value) == nil, "\(value)")
  }
}
