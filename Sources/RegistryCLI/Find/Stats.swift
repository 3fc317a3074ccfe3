import ArgumentParser
import Migrate
import Registry
import Schema

struct Stats: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Counts by GPU, engine, engine version, model, format and topology.",
    discussion: """
      Examples:
        registry stats
        registry stats --json --rev HEAD~10
      """)

  @Option(help: "The git rev.")
  var rev = "HEAD"
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  /// The JSON document: the commit and the counts of `RegistryStatistics`.
  struct Report: Codable {
    var commit: String
    var recipes: Int
    var invalid: Int
    var byGPU: [String: Int]
    var byEngine: [String: Int]
    var byEngineVersion: [String: Int]
    var byModel: [String: Int]
    var byFormat: [String: Int]
    var byTopology: [String: Int]
  }

  func run() throws {
    let terminal = Terminal(colorChoice: global.color)
    let registry = try registryOptions.open()
    let index = try IndexLoading.load(registry, rev: rev, terminal: terminal)
    let stats = RegistryStatistics(index.snapshot)
    if global.json {
      try JSONOutput.print(Report(commit: index.commit.hex, stats), terminal: terminal)
      return
    }
    terminal.out(
      "\(stats.recipes) recipes (\(stats.invalid) invalid) at \(index.commit.abbreviated(12))")
    for (title, counts) in [
      ("GPU", stats.byGPU), ("engine", stats.byEngine), ("engine version", stats.byEngineVersion),
      ("topology", stats.byTopology), ("format", stats.byFormat), ("model", stats.byModel),
    ] {
      terminal.out("\nby \(title):")
      for (key, count) in RegistryStatistics.ranked(counts) {
        terminal.out(
          "  " + String(repeating: " ", count: max(0, 5 - String(count).count)) + "\(count)  \(key)"
        )
      }
    }
  }

}

extension Stats.Report {
  init(commit: String, _ s: RegistryStatistics) {
    self.init(
      commit: commit, recipes: s.recipes, invalid: s.invalid, byGPU: s.byGPU, byEngine: s.byEngine,
      byEngineVersion: s.byEngineVersion, byModel: s.byModel, byFormat: s.byFormat,
      byTopology: s.byTopology)
  }
}
