import ArgumentParser
import Registry
import Results

/// `registry results RECIPE`: the stored records of one recipe, a row per workload point.
struct ResultsShow: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "List a recipe's stored results: one row per concurrency (the default command).",
    discussion: """
      Throughputs are per second of the benchmark's duration; TOK/S/GPU divides by the \
      deployment's GPUs; latencies are milliseconds. OK/FAIL: completed and failed requests \
      ('?' where the tool does not say). --json prints the records as stored.

      Examples:
        registry results NAME
        registry results NAME@v2025.11      the results as they were at a tag
        registry results NAME --json
      """)

  @Argument(help: "The recipe name, or NAME@REV for the results stored at a rev.")
  var recipe: String
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let reference = RecipeReference(parsing: recipe)
    let registry = try registryOptions.open()
    let rev = reference.rev ?? "HEAD"
    let stored = try ResultStore(registry: registry).records(of: reference.name, at: rev)
    let terminal = Terminal(colorChoice: global.color)
    if global.json {
      try JSONOutput.print(
        ResultsJSON(
          recipe: reference.name, records: stored.map(\.record), paths: stored.map(\.path)),
        terminal: terminal)
      return
    }
    if stored.isEmpty {
      // Tell a mistyped name from a recipe without results.
      _ = try registry.recipe(named: reference.name, at: rev)
      terminal.err(
        "\(reference.name) has no stored results\n  hint: registry results add \(reference.name) RESULT.json"
      )
      return
    }
    let table = Table(
      headers: ResultTable.headers, rows: ResultTable.rows(stored.map(\.record)),
      dropOrder: ResultTable.dropOrder)
    terminal.out(table.render(width: terminal.tableWidth, color: terminal.stdoutColor).text)
  }
}

/// `results --json`: the recipe and its records as stored.
struct ResultsJSON: Encodable {
  var recipe: String
  var records: [ResultRecord]
  var paths: [String]
}
