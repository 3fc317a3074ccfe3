import ArgumentParser
import Foundation
import Migrate
import Registry
import Schema

struct BenchMigrateRegistry: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate-registry",
    abstract: "migrate v1 v2 of a synthetic registry as one commit.",
    discussion: """
      Budget: 10k v1 recipes in ≤ 5 s. Until the v1 converter is registered, the v2 recipes \
      are rewritten canonically (v2 → v2) instead, which runs the same pipeline minus the \
      v1 reader; the output says which was measured.

      Examples:
        registry bench migrate-registry                  20k recipes: 10k v1 + 10k v2
      """)

  @Option(help: "Recipes in the synthetic registry (half are v1).") var count = 20_000
  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reportingWriteErrors {
      let terminal = Terminal(colorChoice: global.color)
      let dir = try BenchSupport.tempDir("bench-migrate")
      defer { try? FileManager.default.removeItem(atPath: dir) }
      let repo = dir + "/registry.git"
      try SyntheticRegistry.generate(at: repo, count: count, seed: 5, brokenEvery: 0)
      let registry = try RecipeRegistry.open(at: repo)
      let index = try BenchSupport.time { _ = try registry.index(at: "main") }
      let source: RecipeFormat = Converters.converter(for: .sglangV1) != nil ? .sglangV1 : .v2
      if source == .v2 { terminal.err("no sglang-v1 converter registered: measuring the v2 -> v2 canonical rewrite instead") }
      var report: RegistryMigration.Report?
      let t = try BenchSupport.time {
        report = try RegistryMigration(registry: registry, source: source, target: .v2)
          .run(allowLoss: true, message: nil, author: Signature(name: "Bench", email: "b@example.com", time: 1_700_000_000), branch: "main")
      }
      let n = report?.changed.count ?? 0
      terminal.out(String(format: "migrate %@ -> v2: %d recipes in one commit in %.2f s (index %.2f s, not counted)  budget: 10k v1 ≤ 5 s",
        source == .sglangV1 ? "v1" : "v2", n, t, index))
      terminal.out(t * 10_000 / Double(max(n, 1)) <= 5 ? "within budget" : "OVER BUDGET")
    }
  }
}
