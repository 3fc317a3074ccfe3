import ArgumentParser
import Registry
import Results

/// `registry compare A B`: two recipes side by side, with their results.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Two recipes side by side: engine, topology, flags, env and stored results.",
    discussion: """
      Every key of each recipe's v2 form (its source document when it has none) is flattened \
      to a key path (roles.decode.args.--mem-fraction-static, env.common.NCCL_DEBUG) and the \
      two values printed side by side; '-' where a recipe lacks the key. Stored results close \
      the table: per concurrency, the best output tokens/s per GPU and its TTFT mean. Only the \
      keys that differ are shown, unless --all. A or B may be NAME@REV (the same recipe at \
      two revs compares a pin with the one before).

      Examples:
        registry compare deepseek-r1-fp8-h200-agg-tp8 deepseek-r1-fp8-h200-disagg
        registry compare NAME@HEAD~1 NAME --all
        registry compare A B --json
      """)

  @Argument(help: "The first recipe (NAME or NAME@REV).")
  var a: String
  @Argument(help: "The second recipe (NAME or NAME@REV).")
  var b: String
  @Flag(help: "Show the keys both recipes agree on too.")
  var all = false
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let registry = try registryOptions.open()
    let store = ResultStore(registry: registry)
    let refA = RecipeReference(parsing: a)
    let refB = RecipeReference(parsing: b)
    let recipeA = try registry.recipe(named: refA.name, at: refA.rev ?? "HEAD")
    let recipeB = try registry.recipe(named: refB.name, at: refB.rev ?? "HEAD")
    let rows = RecipeComparison.rows(
      a: recipeA.read, b: recipeB.read,
      resultsA: try store.records(of: refA.name, at: refA.rev ?? "HEAD").map(\.record),
      resultsB: try store.records(of: refB.name, at: refB.rev ?? "HEAD").map(\.record)
    ).filter { all || $0.differs }
    let terminal = Terminal(colorChoice: global.color)
    if global.json {
      try JSONOutput.print(CompareJSON(a: a, b: b, rows: rows), terminal: terminal)
      return
    }
    if rows.isEmpty {
      terminal.err("\(a) and \(b) agree on every key (--all lists them)")
      return
    }
    let table = Table(
      headers: ["KEY", a, b], rows: rows.map { [$0.key, $0.a ?? "-", $0.b ?? "-"] })
    terminal.out(table.render(width: terminal.tableWidth, color: terminal.stdoutColor).text)
  }
}

/// `compare --json`.
struct CompareJSON: Encodable {
  var a: String
  var b: String
  var rows: [RecipeComparison.Row]
}
