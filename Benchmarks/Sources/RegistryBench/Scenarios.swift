import Foundation
import Synchronization
import SyntheticData

/// Numbers the one-file commits and published recipes, so each run changes something new.
final class Counter: Sendable {
  private let value = Mutex(0)
  func next() -> Int { value.withLock { $0 += 1; return $0 } }
}

/// The scenarios: each budget of DESIGN.md and issue 19 (2 cores, 100k recipes, whole process),
/// the command a user waits for next to its reference on the same data.
enum Scenarios {
  static func all(_ w: Workspace, binary: String, libyamlEvents: String) throws -> [Scenario] {
    let b = Builder(w: w, binary: binary, libyamlEvents: libyamlEvents)
    let written = try writes(b)
    return reads(b) + files(b) + written
  }

  /// The registry commands of the scenarios and their git references, on the workspace's data.
  struct Builder {
    var w: Workspace
    var binary: String
    var libyamlEvents: String
    var R: String { w.registry }
    var grep: Command { git(["grep", "-l", "gb200", "main", "--", "recipes"]) }
    var per10k: Double { Double(w.options.fileCount) / 10_000 }

    /// `repo` "" is the synthetic registry, nil none (commands on files).
    func registry(_ args: [String], repo: String? = "", expected: Set<Int32> = [0]) -> Command {
      let tail = repo.map { ["--repo", $0.isEmpty ? R : $0] } ?? []
      return Command("registry " + Command.shortLabel(args), [binary] + args + tail, expectedStatus: expected)
    }
    func git(_ args: [String], repo: String? = nil) -> Command {
      Command("git " + args.joined(separator: " "), ["git", "--git-dir", repo ?? R] + args, environment: Git.environment)
    }
  }

  /// Reads of the registry: search, show, plan, list, history.
  static func reads(_ b: Builder) -> [Scenario] {
    let w = b.w
    let grep = b.grep
    func registry(_ args: [String], expected: Set<Int32> = [0]) -> Command { b.registry(args, expected: expected) }
    func git(_ args: [String]) -> Command { b.git(args) }
    var s: [Scenario] = []

    for (label, extra) in [("table", [String]()), ("json", ["-o", "json"]), ("paths", ["-o", "paths"])] {
      s.append(
        Scenario(
          name: "warm search --gpu gb200, every match (\(label))", registry: registry(["search", "--gpu", "gb200"] + extra),
          reference: grep, budgets: [.ms(30, "issue 19"), .ms(30, "DESIGN.md")]))
    }
    s.append(
      Scenario(
        name: "warm search --gpu gb200 --limit 20", registry: registry(["search", "--gpu", "gb200", "--limit", "20"]),
        reference: grep, budgets: [.ms(10, "issue 19")]))
    let showReference = git(["show", "main:" + w.shownPath])
    s.append(
      Scenario(
        name: "show NAME", registry: registry(["show", "synthetic-1"]), reference: showReference,
        budgets: [.ms(10, "issue 19")]))
    s.append(
      Scenario(
        name: "plan NAME --target slurm", registry: registry(["plan", "synthetic-1", "--target", "slurm"]),
        reference: showReference, budgets: [.ms(30, "issue 19")]))
    s.append(
      Scenario(
        name: "list --invalid", registry: registry(["list", "--invalid"], expected: [0, 1]),
        reference: git(["ls-tree", "-r", "--name-only", "main", "--", "recipes"]), budgets: [.ms(30, "issue 19")]))
    s.append(
      Scenario(
        name: "history --field engine.version (\(w.options.commitCount) commits)",
        registry: registry(["history", "pinned", "--field", "engine.version"]),
        reference: git(["log", "-p", "--follow", "main", "--", Workspace.historyPath]),
        budgets: [.times(2, "DESIGN.md")]))
    return s
  }

  /// Commands on folders of recipe files: validate, lint, migrate.
  static func files(_ b: Builder) -> [Scenario] {
    let w = b.w
    let files = w.options.fileCount
    let per10k = b.per10k
    let libyamlEvents = b.libyamlEvents
    func registry(_ args: [String], repo: String?, expected: Set<Int32> = [0]) -> Command {
      b.registry(args, repo: repo, expected: expected)
    }
    var s: [Scenario] = []
    s.append(
      Scenario(
        name: "yaml: validate --schema v1 of \(files) files vs raw libyaml",
        registry: registry(["validate", "--schema", "v1", w.v1Files], repo: nil),
        reference: Command("libyaml-events (raw libyaml event loop)", [libyamlEvents, w.v1Files]),
        budgets: [.times(2, "README, former bench yaml")],
        note: "the budget is the document layer's over libyaml; validate adds decoding and process start"))
    s.append(
      Scenario(
        name: "lint of \(files) v2 files", registry: registry(["lint", w.v2Files], repo: nil, expected: [0, 1]),
        reference: registry(["validate", w.v2Files], repo: nil, expected: [0, 1]),
        budgets: [.ms(2_000 * per10k, "README, former bench lint: 2 s per 10k")]))

    let work = w.root + "/migrate-files"
    s.append(
      Scenario(
        name: "migrate v1 v2 --in-place of \(files) files", registry: registry(["migrate", "v1", "v2", "--in-place", work], repo: nil),
        reference: Command("libyaml-events (parse of the same files)", [libyamlEvents, w.v1Files]),
        prepareRegistry: {
          try? FileManager.default.removeItem(atPath: work)
          try FileManager.default.copyItem(atPath: w.v1Files, toPath: work)
        },
        budgets: [.ms(2_000 * per10k, "README, former bench migrate: 2 s per 10k")],
        note: "a fresh copy of the v1 files before each run (not timed)"))
    return s
  }

  /// Index builds and writes: cold index, reindex, publish, registry-wide migration.
  static func writes(_ b: Builder) throws -> [Scenario] {
    let w = b.w
    let R = b.R
    let grep = b.grep
    let files = w.options.fileCount
    let per10k = b.per10k
    func registry(_ args: [String], repo: String? = "") -> Command { b.registry(args, repo: repo) }
    var s: [Scenario] = []
    s.append(
      Scenario(
        name: "cold index (index cache removed) vs git grep -l", registry: registry(["search", "--gpu", "gb200", "-o", "paths"]),
        reference: grep,
        prepareRegistry: { try? FileManager.default.removeItem(atPath: R + "/registry-index") },
        budgets: [.times(1.5, "issue 19"), .ms(3_000, "DESIGN.md")]))

    let commits = Counter()
    let limited = registry(["search", "--gpu", "gb200", "--limit", "20"])
    s.append(
      Scenario(
        name: "reindex after a one-file commit (then search --limit 20)", registry: limited, reference: limited,
        prepareRegistry: { try w.commitOneFile(commits.next()) },
        budgets: [.ms(20, "issue 19"), .ms(50, "DESIGN.md")],
        note: "reference: the same command with no new commit (warm)"))

    let published = Counter()
    let input = w.root + "/publish/input.yaml", gitInput = w.root + "/publish/git-input.yaml"
    let gitEnv = Git.environment.merging(
      ["GIT_DIR": w.gitClone, "GIT_INDEX_FILE": w.root + "/git-reference.index", "GIT_WORK_TREE": w.root + "/git-work", "F": gitInput],
      uniquingKeysWith: { $1 })
    s.append(
      Scenario(
        name: "publish one recipe",
        registry: registry(["publish", input, "--force", "--author", "Bench <bench@example.com>", "-m", "Publish"]),
        reference: Command.shell(
          "git hash-object -w + update-index + commit",
          "blob=$(git hash-object -w \"$F\") && git update-index --add --cacheinfo \"100644,$blob,recipes/bench/git/$$.yaml\" && git commit -q --no-verify -m git",
          environment: gitEnv),
        prepareRegistry: {
          let k = published.next()
          var gen = SyntheticRecipes(seed: UInt64(k))
          try gen.v2Recipe(name: "published-\(k)").write(toFile: input, atomically: false, encoding: .utf8)
        },
        prepareReference: {
          let k = published.next()
          var gen = SyntheticRecipes(seed: UInt64(k))
          try gen.v2Recipe(name: "git-\(k)").write(toFile: gitInput, atomically: false, encoding: .utf8)
        },
        budgets: [.ms(50, "DESIGN.md"), .times(1, "former bench publish: ≤ git")]))

    let M = w.migrateRegistry
    let base = w.migrateBase
    let stream = try w.migrationReferenceStream()
    let warmIndex = registry(["search", "--limit", "1", "-o", "paths"], repo: M)
    s.append(
      Scenario(
        name: "migrate v1 v2 of a registry of \(files) recipes (\(files / 2) v1), one commit",
        registry: registry(
          ["migrate", "v1", "v2", "--allow-loss", "--author", "Bench <bench@example.com>", "-m", "Migrate"], repo: M),
        reference: Command(
          "git fast-import of as many recipe files on the same parent", ["git", "--git-dir", M, "fast-import", "--quiet", "--force"],
          environment: Git.environment, stdin: stream),
        prepareRegistry: {
          try Git.run(["--git-dir", M, "update-ref", "refs/heads/main", base])
          _ = try ProcessTimer.time(warmIndex)
        },
        budgets: [.ms(5_000 * per10k / 2, "DESIGN.md: 5 s per 10k v1 recipes")],
        note: "main reset to the v1 commit and its index warmed before each run (not timed)"))
    return s
  }
}
