import ArgumentParser
import Foundation
import Migrate
import Registry
import Schema

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a foreign format that expands into many recipes, as one commit.",
    discussion: """
      vllm-recipes: each vllm-project/recipes model file (models/<org>/<Model>.yaml, or a \
      folder of them) expands into one v2 recipe per variant × compatible strategy × \
      hardware override (none, then each override key), or the subset --variant, \
      --strategy and --hardware select (--hardware h200 applies the overrides for h200, \
      hopper and nvidia, as the checkout's taxonomy.yaml relates them). The strategies \
      come from the strategies/ folder of the checkout (or --strategies DIR). A model file's \
      min_vllm_version is a floor: a recipe pins the version its image tag names, else the \
      newest catalogued vLLM release at or above the floor that has all its flags, and keeps \
      the floor in launcher.vllm_recipes. A vLLM-Omni model file (an omni: block) gives vLLM \
      recipes with the vllm-omni plugin (engine.plugins, its flags checked against its own \
      catalog), --omni added, one per entry of omni.tasks too (--task KEY or ID picks some); \
      the task, the omni block and dependencies stay in launcher.vllm_recipes. A docker_image \
      that holds a pull command gives the image it pulls. \
      Every recipe is validated and all of them are published in one commit, as `publish` does; with \
      --output they are written as files instead.

      Examples:
        registry import vllm-recipes ~/recipes/models
        registry import vllm-recipes Qwen3.5-122B-A10B.yaml --strategies ~/recipes/strategies \\
          --variant fp8 --strategy single_node_tp --hardware h200 --output out/
      """)

  @Argument(help: "The format to import: vllm-recipes.")
  var format: String
  @Argument(help: "Model files or folders (every .yaml/.yml below a folder).")
  var paths: [String]
  @Option(help: "The strategies folder (default: strategies/ of the model files' checkout).")
  var strategies: String?
  @Option(help: "Only this variant.")
  var variant: String?
  @Option(help: "Only this strategy.")
  var strategy: String?
  @Option(help: "Only this vLLM-Omni task (a key of omni.tasks, or an id: t2v).")
  var task: String?
  @Option(
    help:
      "Only this hardware, with every override that names it, its generation or its brand (taxonomy.yaml)."
  )
  var hardware: String?
  @Option(name: .shortAndLong, help: "Write the recipes into this folder instead of publishing.")
  var output: String?
  @Flag(help: "Allow replacing recipes of the same name.")
  var replace = false
  @OptionGroup var commitOptions: CommitOptions
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    guard format == RecipeFormat.vllmRecipes.rawValue else {
      throw ValidationError("import reads: \(RecipeFormat.vllmRecipes.rawValue)")
    }
    let terminal = Terminal(colorChoice: global.color)
    let printer = DiagnosticPrinter(terminal: terminal, quiet: global.quiet)
    var missing: [String] = []
    let files = RecipeFiles.list(paths, missing: &missing)
    if !missing.isEmpty {
      throw CLIError("\(missing.joined(separator: ", ")): no such file", kind: .notFound)
    }
    let converter = VLLMRecipesConverter(strategies: strategies)
    let filter = VLLMRecipesFilter(
      variant: variant, strategy: strategy, task: task, hardware: hardware)
    var inputs: [RecipePublisher.Input] = []
    var failed = false
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw CLIError("\(file): cannot read")
      }
      let documents = try RecipeDocuments.parse([UInt8](data), file: file, from: .vllmRecipes)
        .documents
      guard RecipeFormat.detect(documents: documents).format == .vllmRecipes else { continue }
      for c in converter.expand(documents, file: file, filter: filter) {
        printer.printAll(c.diagnostics.filter { $0.severity != .note })
        guard let recipe = c.value, !c.diagnostics.hasErrors else {
          failed = failed || c.diagnostics.hasErrors || c.diagnostics.isEmpty
          continue
        }
        let text = YAMLEmitter.emit(YAMLDocument(root: recipe.encode()))
        inputs.append(.init(file: recipe.name + ".yaml", bytes: Array(text.utf8)))
      }
    }
    if failed { throw ExitCode(1) }
    if inputs.isEmpty {
      throw CLIError(
        "no vllm-recipes model files in \(paths.joined(separator: " "))",
        kind: .invalidRequest)
    }
    if let output {
      try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
      for i in inputs {
        let path = output + "/" + i.file
        guard FileManager.default.createFile(atPath: path, contents: Data(i.bytes)) else {
          throw CLIError("\(path): cannot write")
        }
        terminal.out(path)
      }
      return
    }
    let registry = try registryOptions.open()
    let report = try RecipePublisher(registry: registry).publish(
      inputs,
      options: PublishOptions(
        message: commitOptions.message, author: try commitOptions.signature(),
        branch: commitOptions.branch, replace: replace, force: false, keepFormat: false,
        allowWarnings: true))
    for r in report.recipes {
      printer.printAll(r.diagnostics)
      terminal.out(
        "\(report.replaced.contains(r.name) ? "updated" : "published") \(r.name) -> \(r.path)")
    }
    if !global.quiet {
      terminal.err(
        "\(report.branch) at \(report.outcome.commit.abbreviated(12)): \(report.recipes.count) recipes"
      )
    }
  }
}
