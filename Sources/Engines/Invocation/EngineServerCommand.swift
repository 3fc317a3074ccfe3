package import Schema

/// How an engine's server is started: the program words, how it is given the model, and
/// whether it takes a served model name. The one place that spells an engine's start command;
/// the launch planner, the index's launch targets and the spark / Dynamo exporters build theirs
/// from it, and the spark template reader recognises programs by it.
///
/// - `sglang`: `python3 -m sglang.launch_server --model-path M`
/// - `vllm`: `vllm serve M`
/// - `trtllm`: `trtllm-serve M`
/// - `llama-cpp`: `llama-server -hf M` (a Hugging Face repo, `org/name[:quant]`), or
///   `llama-server -m M` for a local `.gguf` file
/// - Dynamo workers: `python3 -m dynamo.<engine> --model-path M` (`--model M` for vLLM)
///
/// `--served-model-name S` (`--alias S` for `llama-server`) follows when the recipe names one
/// (not for `trtllm-serve`, which serves under the model name). The recipe's own flags never come from here: they come from
/// `EngineInvocation`.
package struct EngineServerCommand: Sendable, Hashable {
  /// The program words (`vllm serve`, `python3 -m sglang.launch_server`).
  package var program: [String]
  /// The flag the model follows (`--model-path`); nil when the model is the word after the
  /// program.
  package var modelFlag: String?
  /// The flag that names the served model (`--served-model-name`, `--alias`); nil when the
  /// server takes none.
  package var servedNameFlag: String?

  /// Whether the server takes a served model name.
  package var takesServedName: Bool { servedNameFlag != nil }

  /// The start command of `engine`'s own server, or of its Dynamo worker.
  package init(engine: EngineName, dynamo: Bool = false) {
    switch (engine, dynamo) {
    case (.sglang, false):
      (program, modelFlag) = (["python3", "-m", "sglang.launch_server"], "--model-path")
    case (.vllm, false): (program, modelFlag) = (["vllm", "serve"], nil)
    case (.trtllm, false): (program, modelFlag) = (["trtllm-serve"], nil)
    case (.llamaCpp, false): (program, modelFlag) = (["llama-server"], "-hf")
    case (.vllm, true): (program, modelFlag) = (["python3", "-m", "dynamo.vllm"], "--model")
    case (.llamaCpp, true):
      (program, modelFlag) = (["python3", "-m", "dynamo.llama_cpp"], "--model-path")
    case (let e, true):
      (program, modelFlag) = (["python3", "-m", "dynamo.\(e.rawValue)"], "--model-path")
    }
    switch (engine, dynamo) {
    case (.trtllm, false): servedNameFlag = nil
    case (.llamaCpp, false): servedNameFlag = "--alias"
    default: servedNameFlag = "--served-model-name"
    }
  }

  /// The words that give the server its model: `[flag, model]`, or `[model]`. `llama-server`
  /// takes a local file (`/models/x.gguf`) with `-m` rather than `-hf`.
  package func modelWords(_ model: String) -> [String] {
    if modelFlag == "-hf", model.hasSuffix(".gguf") || model.hasPrefix("/") || model.hasPrefix(".")
    {
      return ["-m", model]
    }
    return modelFlag.map { [$0, model] } ?? [model]
  }

  /// The words that name the served model; empty without a name or when the server takes none.
  package func servedNameWords(_ servedName: String?) -> [String] {
    guard let servedName, let servedNameFlag else { return [] }
    return [servedNameFlag, servedName]
  }

  /// The program, the model and the served model name.
  package func argv(model: String, servedName: String? = nil) -> [String] {
    program + modelWords(model) + servedNameWords(servedName)
  }

  /// The programs a foreign command line may start each engine with: the canonical ones above
  /// and other spellings (`python -m sglang.launch_server`, `sglang serve`,
  /// `trtllm-serve serve`). A longer program comes before any program that is a prefix of it.
  package static let recognizedPrograms: [(words: [String], engine: EngineName)] = [
    (EngineServerCommand(engine: .vllm).program, .vllm),
    (EngineServerCommand(engine: .sglang).program, .sglang),
    (["python", "-m", "sglang.launch_server"], .sglang),
    (["sglang", "serve"], .sglang),
    (["trtllm-serve", "serve"], .trtllm),
    (EngineServerCommand(engine: .trtllm).program, .trtllm),
    (EngineServerCommand(engine: .llamaCpp).program, .llamaCpp),
  ]
}
