import ArgumentParser
import Foundation
import Registry
import Schema

struct BenchPublish: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "publish",
    abstract: "Publish one recipe into a synthetic registry, next to git hash-object + update-index + commit.",
    discussion: """
      Budget: ≤ 50 ms per publish, and ≤ the git CLI for the same change (hash-object + \
      update-index + commit). The plumbing without 'git commit' is printed too, for reference.

      Examples:
        registry bench publish                 100k-recipe registry
        registry bench publish --count 10000 --runs 20
      """)

  @Option(help: "Recipes in the synthetic registry.") var count = 100_000
  @Option(help: "Timed publishes (the median is reported).") var runs = 10
  @OptionGroup var global: GlobalOptions

  func run() throws {
    do {
      let terminal = Terminal(colorChoice: global.color)
      let dir = try BenchSupport.tempDir("bench-publish")
      defer { try? FileManager.default.removeItem(atPath: dir) }
      let repo = dir + "/registry.git"
      terminal.err("generating \(count) recipes...")
      try SyntheticRegistry.generate(at: repo, count: count, seed: 5)
      let registry = try RecipeRegistry.open(at: repo)
      let warm = try BenchSupport.time { _ = try registry.index(at: "main") }
      terminal.err(String(format: "index built in %.1f s (once per registry, cached)", warm))
      let author = Signature(name: "Bench", email: "bench@example.com", time: 1_700_000_000)
      var gen = SyntheticRecipes(seed: 9)
      var ours: [Double] = []
      for i in 0..<(runs + 1) {
        let input = try Self.validInput(&gen, name: "bench-new-\(i)")
        let t = try BenchSupport.time {
          _ = try RecipePublisher(registry: registry).publish([input], options: PublishOptions(author: author, branch: "main"))
        }
        if i > 0 { ours.append(t) }
      }
      // git: the same change with a prepared index.
      let work = dir + "/work"
      try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
      let env = ["GIT_INDEX_FILE": dir + "/index", "GIT_DIR": repo, "GIT_WORK_TREE": work]
      try BenchSupport.git(["read-tree", "main"], env: env)
      let viaCommit = try Self.timeGit("git", runs: runs, &gen, work: work) { file, path, i in
        let blob = try BenchSupport.git(["hash-object", "-w", file], env: env, capture: true)
        try BenchSupport.git(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(path)"], env: env)
        try BenchSupport.git(["commit", "-q", "--no-verify", "-m", "git \(i)"], env: env)
      }
      // Also the plumbing alone (no work-tree status scan, which dominates 'git commit' on an
      // index of 100k entries whose files are not checked out): the tightest git reference.
      let viaPlumbing = try Self.timeGit("plumbing", runs: runs, &gen, work: work) { file, path, i in
        let blob = try BenchSupport.git(["hash-object", "-w", file], env: env, capture: true)
        try BenchSupport.git(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(path)"], env: env)
        let tree = try BenchSupport.git(["write-tree"], env: env, capture: true)
        let parent = try BenchSupport.git(["rev-parse", "main"], env: env, capture: true)
        let commit = try BenchSupport.git(["commit-tree", tree, "-p", parent, "-m", "plumbing \(i)"], env: env, capture: true)
        try BenchSupport.git(["update-ref", "refs/heads/main", commit, parent], env: env)
      }
      let o = BenchSupport.median(ours)
      let g = viaCommit
      terminal.out(BenchSupport.line("publish one recipe (\(count) recipes, median of \(runs))", o, g, budget: "≤ 50 ms and ≤ git"))
      terminal.out(BenchSupport.line("  vs git plumbing (hash-object, update-index, write-tree, commit-tree, update-ref)", o, viaPlumbing, budget: "reference only"))
      terminal.out(o <= 0.050 && o <= g ? "within budget" : "OVER BUDGET")
    }
  }

  /// The median time of `runs` git changes (after one warm-up), each adding a new recipe
  /// file written to `work` at `recipes/bench/git/LABEL-i.yaml`.
  static func timeGit(
    _ label: String, runs: Int, _ gen: inout SyntheticRecipes, work: String,
    change: (_ file: String, _ path: String, _ i: Int) throws -> Void
  ) throws -> Double {
    var times: [Double] = []
    for i in 0..<(runs + 1) {
      let file = work + "/\(label)-\(i).yaml"
      try gen.v2Recipe(name: "\(label)-new-\(i)").write(toFile: file, atomically: true, encoding: .utf8)
      let t = try BenchSupport.time { try change(file, "recipes/bench/git/\(label)-\(i).yaml", i) }
      if i > 0 { times.append(t) }
    }
    return BenchSupport.median(times)
  }

  /// The next synthetic recipe that publish accepts (lint clean), so every timed run does
  /// the whole publish (validation, lint, canonical v2, commit), not an early refusal.
  static func validInput(_ gen: inout SyntheticRecipes, name: String) throws -> RecipePublisher.Input {
    for _ in 0..<1000 {
      let bytes = Array(gen.v2Recipe(name: name).utf8)
      if (try? RecipePublisher.prepare(bytes, file: name + ".yaml", root: "recipes", force: false, keepFormat: false)) != nil {
        return RecipePublisher.Input(file: name + ".yaml", bytes: bytes)
      }
    }
    throw CLIError("no synthetic recipe in 1000 passes publish's lint: the generator and the linter disagree")
  }
}
