import Launch
import Migrate
import Schema
import TestSupport
import Testing

/// The model a worker is started with, as srtctl starts it (found by SrtctlAgreementTests).
@Suite struct PlannerModelArgumentTests {
  static func plan(model: String) throws -> LaunchPlan {
    let text = SampleRecipes.v2("model-argument", model: model)
    let read = RecipeReader.read(Array(text.utf8), file: "model-argument.yaml")
    let recipe = try #require(read.importedV2().recipe)
    return try Planner().plan(
      recipe, reference: RecipeReference(name: recipe.name),
      options: PlanOptions(runtime: ContainerRuntime.none))
  }

  @Test("an hf: model URI reaches the engine as the Hugging Face id (srtctl strips hf:)")
  func hfURIIsTheID() throws {
    let argv = try Self.plan(model: "hf:Qwen/Qwen3-0.6B").processes[0].argv
    let i = try #require(argv.firstIndex(of: "--model-path"))
    #expect(argv[i + 1] == "Qwen/Qwen3-0.6B")
    #expect(!argv.contains { $0.hasPrefix("hf:") })
  }

  @Test("a plain id, alias or path is passed as written")
  func otherModelsUnchanged() throws {
    for model in ["Qwen/Qwen3-0.6B", "dsr1-fp8", "/models/deepseek-r1"] {
      let argv = try Self.plan(model: model).processes[0].argv
      let i = try #require(argv.firstIndex(of: "--model-path"))
      #expect(argv[i + 1] == model)
    }
  }
}
