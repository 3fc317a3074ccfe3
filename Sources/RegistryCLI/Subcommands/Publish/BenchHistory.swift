import ArgumentParser
import Foundation
import Registry
import Schema

struct BenchHistory: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "history --field of one recipe with many commits, next to git log -p --follow.",
    discussion: """
      Budget: ≤ 2× 'git log -p --follow -- PATH' on the same repository.

      Examples:
        registry bench history                       100k recipes, 2000 commits on one recipe
        registry bench history --count 10000 --commits 500
      """)

  @Option(help: "Recipes in the synthetic registry.") var count = 100_000
  @Option(help: "Commits that change the measured recipe.") var commits = 2_000
  @OptionGroup var global: GlobalOptions

  func run() throws {
    do {
      let terminal = Terminal(colorChoice: global.color)
      let dir = try BenchSupport.tempDir("bench-history")
      defer { try? FileManager.default.removeItem(atPath: dir) }
      let repo = dir + "/registry.git"
      terminal.err("generating \(count) recipes and \(commits) commits...")
      try SyntheticRegistry.generate(at: repo, count: count, seed: 5)
      let registry = try RecipeRegistry.open(at: repo)
      let git = registry.repository
      let path = "recipes/bench/history/pinned.yaml"
      let writer = BranchWriter(repository: git, reference: "main")
      var gen = SyntheticRecipes(seed: 3)
      let base = gen.v2Recipe(name: "pinned")
      for i in 0..<commits {
        let author = Signature(name: "Dev \(i % 7)", email: "dev\(i % 7)@example.com", time: 1_700_000_000 + Int64(i) * 60)
        let text = base.replacingOccurrences(of: "\nengine:\n", with: "\nengine:\n  # pin \(i)\n")
          .replacingOccurrences(of: "version: \"", with: "version: \"\(i / 3).")
        _ = try writer.commit(author: author) { _, _ in
          ([.upsert(path: path, blob: try git.writeBlob(text))], "Pin \(i)")
        }
      }
      let history = RecipeHistory(registry: registry)
      var changes = 0
      let ours = try BenchSupport.time {
        changes = try history.fieldChanges(of: try history.commits(path: path, from: "main"), field: "engine.version").count
      }
      let theirs = try BenchSupport.time { try BenchSupport.git(["--git-dir", repo, "log", "-p", "--follow", "main", "--", path]) }
      terminal.out(BenchSupport.line("history --field engine.version (\(commits) commits, \(changes) changes, \(count) recipes)", ours, theirs, budget: "≤ 2× git"))
      terminal.out(ours <= 2 * theirs ? "within budget" : "OVER BUDGET")
    }
  }
}
