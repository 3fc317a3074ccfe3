import Engines
import Migrate
import Schema
import Testing

/// The one spelling of each engine's start command.
@Suite struct EngineServerCommandTests {
  @Test func startCommands() {
    #expect(
      EngineServerCommand(engine: .sglang).argv(model: "M", servedName: "S")
        == [
          "python3", "-m", "sglang.launch_server", "--model-path", "M", "--served-model-name", "S",
        ])
    #expect(
      EngineServerCommand(engine: .vllm).argv(model: "M", servedName: "S") == [
        "vllm", "serve", "M", "--served-model-name", "S",
      ])
    #expect(
      EngineServerCommand(engine: .trtllm).argv(model: "M", servedName: "S") == [
        "trtllm-serve", "M",
      ])
    #expect(
      EngineServerCommand(engine: .vllm, dynamo: true).argv(model: "M")
        == ["python3", "-m", "dynamo.vllm", "--model", "M"])
    #expect(
      EngineServerCommand(engine: .trtllm, dynamo: true).argv(model: "M", servedName: "S")
        == ["python3", "-m", "dynamo.trtllm", "--model-path", "M", "--served-model-name", "S"])
  }

  @Test func everyCanonicalProgramIsRecognised() {
    for engine in EngineName.allCases {
      let program = EngineServerCommand(engine: engine).program
      let first = EngineServerCommand.recognizedPrograms.first { p in
        program.count >= p.words.count && zip(program, p.words).allSatisfy { $0 == $1 }
      }
      #expect(first?.words == program && first?.engine == engine)
    }
  }
}
