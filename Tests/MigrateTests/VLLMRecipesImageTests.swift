import Migrate
import Schema
import Testing

/// `docker_image` of a vllm-project/recipes model file: a reference is the image; a pull
/// command gives the image it pulls (a note); anything else gives no image and a warning at
/// the value.
@Suite struct VLLMRecipesImageTests {
  static func expand(_ image: String) throws -> Conversion<RecipeV2> {
    let text = """
      model:
        model_id: org/m
        min_vllm_version: "0.20.0"
        docker_image: "\(image)"
        base_args: []
      variants:
        default: {precision: bf16}

      """
    var diagnostics: [Diagnostic] = []
    let model = try #require(
      VLLMRecipesModelFile.read(try YAML.parse(text).root, file: "m.yaml", diagnostics: &diagnostics))
    let out = VLLMRecipesExpander.expand(model, strategies: [:], file: "m.yaml")
    return try #require(out.first)
  }

  @Test func aReferenceIsTheImage() throws {
    let c = try Self.expand("vllm/vllm-openai:v0.20.2")
    #expect(c.value?.engine.image == "vllm/vllm-openai:v0.20.2")
    #expect(c.value?.engine.version == "0.20.2")
    #expect(c.diagnostics.isEmpty)
  }

  @Test func aPullCommandGivesItsImage() throws {
    let c = try Self.expand("docker pull vllm/vllm-openai-rocm:nightly")
    #expect(c.value?.engine.image == "vllm/vllm-openai-rocm:nightly")
    #expect(c.diagnostics.map(\.code) == ["image-from-command"])
    #expect(c.diagnostics.first?.severity == .note)
  }

  @Test func anythingElseIsDroppedWithAWarning() throws {
    let c = try Self.expand("docker run --gpus all vllm/vllm-openai:v0.20.2")
    #expect(c.value?.engine.image == nil)
    let warning = try #require(c.diagnostics.first { $0.code == "unreadable-image" })
    #expect(warning.severity == .warning)
    #expect(warning.location?.line == 4 && warning.location?.column == 17)
    #expect(!c.diagnostics.hasErrors)
  }
}
