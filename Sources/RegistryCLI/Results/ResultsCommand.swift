import ArgumentParser

/// `registry results`: benchmark results stored beside the recipes.
struct ResultsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "results",
    abstract: "Benchmark results stored beside the recipes: add them, list them.",
    discussion: """
      A result record is one measured workload point (one concurrency) of one recipe: the \
      recipe's name, blob and commit, the engine and image as run, GPUs and topology, the \
      workload (ISL, OSL, concurrency, rate) and the figures with units (output tokens/s in \
      total and per GPU, TTFT/TPOT/ITL/E2E in ms at mean, p50, p90, p99, completed and failed \
      requests), who ran it, when and where, and the raw file it came from (kept). Records \
      live in the registry's results/ tree (results/RECIPE/*.json, spec/results/v1.schema.json) \
      and are committed like recipes.

      Examples:
        registry results deepseek-r1-fp8-h200-agg-tp8             the table, one row per concurrency
        registry results deepseek-r1-fp8-h200-agg-tp8 --json
        registry results add NAME run/benchmark/results_concurrency_*.json --cluster eos
        LAUNCH_RUN_DIR=$PWD/run bash <(registry plan NAME --target shell)
        registry results add NAME run/benchmark/results_concurrency_*.json
      """,
    subcommands: [ResultsShow.self, ResultsAdd.self],
    defaultSubcommand: ResultsShow.self)
}
