import ArgumentParser
import Foundation
import Registry
import Results

/// `registry results add RECIPE FILE...`: imports result files and commits their records.
struct ResultsAdd: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Import benchmark result files and commit a record per workload point.",
    discussion: """
      Reads each FILE with the importer its keys name (or --format): \(ResultFormat.help). \
      Units and definitions are normalised: latencies to ms (p50 = median), TPOT is per \
      request (E2E - TTFT) / (tokens - 1) (genai-perf and AIPerf call it inter_token_latency), \
      ITL the gap between streamed tokens. A run with zero output tokens or no completed \
      request is rejected (file:line:col of the key that shows it) and nothing is written.

      The recipe is read at --recipe-rev (default: the branch tip): the record keeps its blob \
      and commit. Engine, image and GPUs come from the recipe unless the file or an option \
      says otherwise; ISL/OSL from the file, else the recipe's benchmark; the concurrency from \
      the file, else its name (results_concurrency_C.json, as 'registry plan' writes them). \
      The raw file is kept in the registry beside the records; adding the same file again \
      changes nothing.

      Examples:
        registry results add NAME "$RUN_DIR"/benchmark/results_concurrency_*.json --cluster eos
        registry results add NAME profile_export_aiperf.json --concurrency 32 --gpus 8
        registry results add NAME bench.json --format vllm --image-digest sha256:...
        registry results add NAME results.json --citation 'InferenceX, 2026-10-01, https://...'
      """)

  @Argument(help: "The recipe the results measured.")
  var recipe: String
  @Argument(help: "Result files (JSON or JSON lines).")
  var files: [String]
  @Option(
    help: ArgumentHelp("The importer (default: detected from the file).", valueName: "format"))
  var format: ResultFormat?
  @Option(help: "The cluster the benchmark ran on.")
  var cluster: String?
  @Option(
    name: .customLong("recipe-rev"),
    help: "The registry rev the recipe was planned from (default: the branch tip).")
  var recipeRev: String?
  @Option(help: "When it ran, ISO 8601 (default: what the file says, else now).")
  var at: String?
  @Option(help: "Who ran it, \"Name <mail>\" (default: the commit's author).")
  var by: String?
  @Option(name: .customLong("engine-version"), help: "The engine version as run, if not the pin.")
  var engineVersion: String?
  @Option(help: "The image as run, if not the recipe's.")
  var image: String?
  @Option(name: .customLong("image-digest"), help: "The image's digest as run (sha256:...).")
  var imageDigest: String?
  @Option(help: "The GPUs of the deployment, if the recipe does not say or the run differed.")
  var gpus: Int?
  @Option(help: "The concurrency, for files that do not state it.")
  var concurrency: Int?
  @Option(help: "The input sequence length, for files that do not state it.")
  var isl: Int?
  @Option(help: "The output sequence length, for files that do not state it.")
  var osl: Int?
  @Option(help: "Where published figures come from (a URL and date), for results not run here.")
  var citation: String?
  @OptionGroup var commitOptions: CommitOptions
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    var inputs: [ResultPublisher.Input] = []
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw CLIError("\(file): cannot read the file\n  hint: check the path", kind: .notFound)
      }
      inputs.append(ResultPublisher.Input(file: file, bytes: Array(data), format: format))
    }
    var facts = RunFacts()
    facts.by = by
    facts.at = at
    facts.cluster = cluster
    facts.engineVersion = engineVersion
    facts.image = image
    facts.imageDigest = imageDigest
    facts.gpus = gpus
    facts.concurrency = concurrency
    facts.isl = isl
    facts.osl = osl
    facts.citation = citation
    let registry = try registryOptions.open()
    let report = try ResultPublisher(registry: registry).add(
      recipe: recipe, inputs: inputs, facts: facts, rev: recipeRev,
      author: try commitOptions.signature(), branch: commitOptions.branch,
      message: commitOptions.message)
    let terminal = Terminal(colorChoice: global.color)
    if global.json {
      try JSONOutput.print(
        AddJSON(
          recipe: recipe, commit: report.commit?.hex, branch: report.branch,
          records: report.records.map(\.record), paths: report.records.map(\.path),
          unchanged: report.unchanged),
        terminal: terminal)
      return
    }
    let added = report.records.count - report.unchanged.count
    if let commit = report.commit {
      terminal.out(
        "added \(added) result\(added == 1 ? "" : "s") for \(recipe) in \(commit.abbreviated(12))")
    } else {
      terminal.out("nothing new: the \(report.unchanged.count) results are already stored")
    }
    if !global.quiet {
      for r in report.records { terminal.err("  \(r.path)") }
    }
  }
}

/// `results add --json`.
struct AddJSON: Encodable {
  var recipe: String
  var commit: String?
  var branch: String
  var records: [ResultRecord]
  var paths: [String]
  var unchanged: [String]
}

extension ResultFormat: ExpressibleByArgument {}
