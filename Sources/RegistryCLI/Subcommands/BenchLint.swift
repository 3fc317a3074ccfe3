import ArgumentParser
import Migrate
import Schema

struct BenchLint: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Lint generated v2 recipes; print the time next to plain validation (parse + decode).",
    discussion: """
      Budget: linting 10k recipes (read + every lint rule) takes at most 2 s.

      Examples:
        registry bench lint
        registry bench lint --count 20000 --json
      """)

  @Option(help: "How many recipes to generate.")
  var count = 10_000
  @Option(help: "Timed repetitions; the best is reported.")
  var iterations = 3
  @OptionGroup var global: GlobalOptions

  struct Report: Codable {
    var recipes: Int
    var validateSeconds: Double
    var lintSeconds: Double
    var lintOnlySeconds: Double
    var findings: Int
    var budgetSeconds: Double
    var withinBudget: Bool
  }

  func run() throws {
    do {
      var gen = SyntheticRecipes(seed: 11)
      let docs = (0..<count).map { Array(gen.v2Recipe(name: "bench-\($0)").utf8) }
      let store: FlagCatalogStore
      do { store = try FlagCatalogStore.load() } catch { throw CLIError("flag catalogs: \(error)") }
      let linter = Linter(catalogs: store)
      var sink = 0
      var findings = 0
      let validate = BenchTimer.best(of: iterations) { for d in docs { sink &+= RecipeReader.read(d, file: "b.yaml").diagnostics.count } }
      let lint = BenchTimer.best(of: iterations) {
        findings = 0
        for d in docs { findings += linter.lint(RecipeReader.read(d, file: "b.yaml")).findings.count }
      }
      let report = Report(
        recipes: count, validateSeconds: validate, lintSeconds: lint, lintOnlySeconds: lint - validate,
        findings: findings, budgetSeconds: 2.0 * Double(count) / 10_000,
        withinBudget: lint <= 2.0 * Double(count) / 10_000)
      if global.json { return try JSONOutput.print(report) }
      let t = Terminal(colorChoice: global.color)
      t.out("recipes              \(count) (v2, \(findings) lint findings)")
      t.out("validate (read)      \(fmt(validate * 1000)) ms")
      t.out("lint (read + rules)  \(fmt(lint * 1000)) ms  (rules alone \(fmt((lint - validate) * 1000)) ms)")
      t.out("budget               ≤ \(fmt(report.budgetSeconds)) s \(report.withinBudget ? "ok" : "OVER BUDGET")")
      if sink == -1 { print("") }
    }
  }
}
