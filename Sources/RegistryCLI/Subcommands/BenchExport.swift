import ArgumentParser
import Foundation
import Schema
import Registry

struct BenchExport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export the static index of a synthetic registry with a cold and a warm index cache.",
    discussion: """
      Generates a synthetic registry of --count recipes in a temporary folder, then times \
      'registry export-index' into a temporary folder twice: with no index cache (the index is \
      built from every blob, every detail document converted) and with the index and detail \
      caches the first run left. The pin history is left out \
      unless --history (a one-commit registry has one change per recipe anyway). \
      Budget: ≤ 10 s for 100 000 recipes.

      Examples:
        registry bench export --count 100000
        registry bench export --count 10000 --history --json
      """)

  @Option(help: "How many recipes to generate.")
  var count = 100_000
  @Flag(help: "Include the pin history walk.")
  var history = false
  @Option(help: "Keep the generated registry and output here instead of a temporary folder.")
  var keep: String?
  @OptionGroup var global: GlobalOptions

  struct Report: Codable {
    var recipes: Int
    var history: Bool
    var coldSeconds: Double
    var warmSeconds: Double
    var budgetSeconds: Double
    var withinBudget: Bool
    var catalogBytes: Int
  }

  func run() throws {
    let fm = FileManager.default
    let root = keep ?? fm.temporaryDirectory.appendingPathComponent("registry-bench-export-\(UUID().uuidString)").path
    try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
    defer { if keep == nil { try? fm.removeItem(atPath: root) } }
    let repo = root + "/registry.git"
    let t = Terminal(colorChoice: global.color)
    if !fm.fileExists(atPath: repo) {
      t.progress("generating \(count) recipes…")
      try SyntheticRegistry.generate(at: repo, count: count)
      t.endProgress()
    }
    // Cold: neither the index cache nor the detail cache.
    try? fm.removeItem(atPath: repo + "/registry-index")
    try? fm.removeItem(atPath: repo + "/registry-details")
    let options = IndexExporter.Options(history: history)

    func timed() throws -> (Double, IndexExporter.Result) {
      let registry = try RecipeRegistry.open(at: repo)
      var result: IndexExporter.Result?
      let seconds = try BenchTimer.time {
        result = try IndexExporter(registry: registry, options: options).export(rev: "HEAD", to: root + "/out")
      }
      return (seconds, result!)
    }
    let (cold, first) = try timed()
    let (warm, second) = try timed()
    let budget = 10.0
    let report = Report(
      recipes: count, history: history, coldSeconds: cold, warmSeconds: warm, budgetSeconds: budget,
      withinBudget: warm <= budget, catalogBytes: second.catalogJSON.utf8.count)
    if global.json {
      try JSONOutput.print(report)
      return
    }
    t.out("recipes               \(count)\(history ? " (with pin history)" : " (--no-history)")")
    t.out("cold (no caches)      \(fmt(cold)) s (index \(describe(first.build)))")
    t.out("warm (index + details) \(fmt(warm)) s (index \(describe(second.build))), \(fmt(cold / max(warm, 1e-9)))× faster than cold")
    t.out("catalog.json          \(fmt(Double(report.catalogBytes) / 1_000_000)) MB")
    t.out("budget (warm)          ≤ \(fmt(budget)) s \(report.withinBudget ? "ok" : "OVER BUDGET")")
  }

  func describe(_ b: IndexBuild) -> String {
    switch b {
    case .cached: return "from cache"
    case .incremental(_, let n): return "updated, \(n) re-read"
    case .cold(let n): return "built, \(n) read"
    }
  }
}
