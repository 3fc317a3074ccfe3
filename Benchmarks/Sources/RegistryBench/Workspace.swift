import Foundation
import SyntheticData

/// The generated data every scenario runs on, in one folder: a synthetic registry (with a
/// recipe changed by many commits for the history figure), a bare clone of it for the git
/// reference of publish, a smaller registry for the registry-wide migration, and folders of
/// v1 and v2 recipe files.
struct Workspace {
  let root: String
  let options: Options
  /// The synthetic registry (bare).
  var registry: String { root + "/registry.git" }
  /// A bare clone of it that the git reference of publish commits to.
  var gitClone: String { root + "/git-reference.git" }
  /// A registry of `fileCount` recipes, half of them v1, for the registry-wide migration.
  var migrateRegistry: String { root + "/migrate.git" }
  var v1Files: String { root + "/files-v1" }
  var v2Files: String { root + "/files-v2" }
  static let historyPath = "recipes/bench/history/pinned.yaml"

  /// Commit of the migration registry before any migration.
  private(set) var migrateBase = ""
  /// Registry path of the recipe that `show` and `plan` read.
  private(set) var shownPath = ""

  init(root: String, options: Options) {
    self.root = root
    self.options = options
  }

  static func say(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

  mutating func generate() throws {
    let fm = FileManager.default
    try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
    let count = options.count, files = options.fileCount, commits = options.commitCount
    Self.say("generating \(count) recipes and \(commits) commits on one recipe in \(root)…")
    try SyntheticRegistry.generate(at: registry, count: count, seed: 3)
    var stream = FastImport()
    var gen = SyntheticRecipes(seed: 3)
    let base = gen.v2Recipe(name: "pinned")
    for i in 0..<commits {
      let text = base.replacingOccurrences(of: "\nengine:\n", with: "\nengine:\n  # pin \(i)\n")
        .replacingOccurrences(of: "version: \"", with: "version: \"\(i / 3).")
      stream.commit(
        branch: "refs/heads/main", from: i == 0 ? "refs/heads/main^0" : nil, time: 1_700_000_000 + i * 60,
        message: "Pin \(i)", files: [(Self.historyPath, text)])
    }
    try Git.run(["--git-dir", registry, "fast-import", "--quiet"], input: stream.bytes)
    let paths = try Git.run(["--git-dir", registry, "ls-tree", "-r", "--name-only", "main", "--", "recipes"])
    guard let shown = paths.split(separator: "\n").first(where: { $0.hasSuffix("/synthetic-1.yaml") }) else {
      throw Git.Failure(description: "synthetic-1.yaml is not in the registry")
    }
    shownPath = String(shown)
    try Git.run(["clone", "-q", "--bare", registry, gitClone])
    try Git.run(["read-tree", "main"], env: ["GIT_DIR": gitClone, "GIT_INDEX_FILE": root + "/git-reference.index"])
    try fm.createDirectory(atPath: root + "/publish", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: root + "/git-work", withIntermediateDirectories: true)

    Self.say("generating \(files) v1 and \(files) v2 recipe files, and a registry of \(files) recipes to migrate…")
    try SyntheticRegistry.generate(at: migrateRegistry, count: files, seed: 5, brokenEvery: 0)
    migrateBase = try Git.run(["--git-dir", migrateRegistry, "rev-parse", "main"])
    try fm.createDirectory(atPath: v1Files, withIntermediateDirectories: true)
    try fm.createDirectory(atPath: v2Files, withIntermediateDirectories: true)
    var v1 = SyntheticRecipes(seed: 7), v2 = SyntheticRecipes(seed: 11)
    for i in 0..<files {
      try v1.v1Recipe(name: "bench-\(i)").write(toFile: v1Files + "/r\(i).yaml", atomically: false, encoding: .utf8)
      try v2.v2Recipe(name: "bench-\(i)").write(toFile: v2Files + "/r\(i).yaml", atomically: false, encoding: .utf8)
    }
  }

  /// A one-file commit on the registry's main (the change the reindex figure follows).
  func commitOneFile(_ k: Int) throws {
    var stream = FastImport()
    var gen = SyntheticRecipes(seed: UInt64(1000 + k))
    stream.commit(
      branch: "refs/heads/main", from: "refs/heads/main^0", time: 1_800_000_000 + k, message: "One more",
      files: [("recipes/bench/extra/extra-\(k).yaml", gen.v2Recipe(name: "extra-\(k)"))])
    try Git.run(["--git-dir", registry, "fast-import", "--quiet"], input: stream.bytes)
  }

  /// The stream of the migration's git reference: a commit on `git-reference`, from the
  /// migration registry's base, writing as many recipe files as the migration rewrites.
  func migrationReferenceStream() throws -> String {
    let paths = try Git.run(["--git-dir", migrateRegistry, "ls-tree", "-r", "--name-only", "main", "--", "recipes"])
      .split(separator: "\n").filter { $0.contains("/sglang/") }
    var gen = SyntheticRecipes(seed: 13)
    var stream = FastImport()
    stream.commit(
      branch: "refs/heads/git-reference", from: migrateBase, time: 1_700_000_000, message: "Reference",
      files: paths.map { (String($0), gen.v2Recipe(name: "ref")) })
    let file = root + "/migrate-reference.stream"
    try Data(stream.bytes).write(to: URL(fileURLWithPath: file))
    return file
  }
}
