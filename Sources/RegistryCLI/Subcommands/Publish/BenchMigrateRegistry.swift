import ArgumentParser
import Foundation
import Migrate
import Registry
import Schema

struct BenchMigrateRegistry: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate-registry",
    abstract: "migrate v1 v2 of a synthetic registry as one commit, next to git fast-import.",
    discussion: """
      Generates a registry of N recipes (half sglang-v1, half v2) as one packed commit, \
      builds its index (not timed), then times the registry-wide 'migrate v1 v2': every v1 \
      recipe read, converted with its comments and written back as one commit (objects as one \
      pack). Reference, same run: git fast-import committing the same converted files on the \
      same parent (writing only, no conversion). Budget: 10k v1 recipes in ≤ 5 s.

      Examples:
        registry bench migrate-registry                  20k recipes: 10k v1 + 10k v2
        registry bench migrate-registry --count 2000 --json
      """)

  @Option(help: "Recipes in the synthetic registry (half are v1).") var count = 20_000
  @OptionGroup var global: GlobalOptions

  struct Report: Codable {
    var recipes: Int
    var migrated: Int
    var indexSeconds: Double
    var migrateSeconds: Double
    /// git fast-import of the same converted files onto the same parent.
    var gitFastImportSeconds: Double
    var ratioToGit: Double
    var budgetSeconds: Double
    var withinBudget: Bool
  }

  func run() throws {
    do {
      let terminal = Terminal(colorChoice: global.color)
      let dir = try BenchSupport.tempDir("bench-migrate")
      defer { try? FileManager.default.removeItem(atPath: dir) }
      let repo = dir + "/registry.git"
      terminal.err("generating \(count) recipes...")
      try SyntheticRegistry.generate(at: repo, count: count, seed: 5, brokenEvery: 0)
      let registry = try RecipeRegistry.open(at: repo)
      let index = try BenchSupport.time { _ = try registry.index(at: "main") }
      let parent = try registry.resolve("main").commit
      var migration: RegistryMigration.Report?
      let t = try BenchSupport.time {
        migration = try RegistryMigration(registry: registry, source: .sglangV1, target: .v2)
          .run(allowLoss: true, message: nil, author: Signature(name: "Bench", email: "b@example.com", time: 1_700_000_000), branch: "main")
      }
      let changed = migration?.changed ?? []
      let git = try BenchSupport.time {
        try BenchSupport.git(["--git-dir", repo, "fast-import", "--quiet"], input: Self.fastImport(changed, parent: parent))
      }
      let n = changed.count
      let budget = 5.0 * Double(max(n, 1)) / 10_000
      let report = Report(
        recipes: count, migrated: n, indexSeconds: index, migrateSeconds: t, gitFastImportSeconds: git,
        ratioToGit: t / git, budgetSeconds: budget, withinBudget: t <= budget)
      if global.json { return try JSONOutput.print(report) }
      terminal.out(String(format: "migrate v1 -> v2: %d recipes in one commit in %.2f s (index %.2f s before, not counted)", n, t, index))
      terminal.out(String(format: "  git fast-import of the same %d files on the same parent: %.2f s (ratio %.2f; git only writes)", n, git, t / git))
      terminal.out(String(format: "budget: %.2f s for %d v1 recipes (5 s per 10k): %@", budget, n, report.withinBudget ? "within budget" : "OVER BUDGET"))
    }
  }

  /// A fast-import stream committing the migrated files on `parent` (branch `git-reference`).
  static func fastImport(_ recipes: [MigratedRecipe], parent: ObjectID) -> [UInt8] {
    var stream: [UInt8] = []
    func append(_ s: String) { stream.append(contentsOf: s.utf8) }
    append("commit refs/heads/git-reference\n")
    append("committer Bench <bench@example.com> 1700000000 +0000\n")
    append("data 4\nref\n")
    append("from \(parent.hex)\n")
    for r in recipes {
      guard let bytes = r.bytes else { continue }
      append("M 100644 inline \(r.path)\ndata \(bytes.count)\n")
      stream.append(contentsOf: bytes)
      append("\n")
    }
    append("\n")
    return stream
  }
}
