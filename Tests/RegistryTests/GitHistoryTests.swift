import Foundation
import Registry
import Testing

@Suite("GitRepository: revwalk and tree diff")
struct GitHistoryTests {
  /// A linear history where each commit touches a different mix of files.
  private func makeHistory(_ fx: GitFixture) throws -> String {
    let dir = try fx.makeRepo()
    let steps: [[String: String?]] = [
      ["registry.yaml": "root: recipes\n", "recipes/a.yaml": "v: 1\n"],
      ["recipes/b.yaml": "v: 1\n"],
      ["recipes/a.yaml": "v: 2\n"],
      ["docs/readme.md": "hi\n"],
      ["recipes/b.yaml": nil, "recipes/sub/c.yaml": "v: 1\n"],
      ["recipes/a.yaml": "v: 3\n", "docs/readme.md": "hello\n"],
      ["recipes/sub/c.yaml": "v: 2\n"],
    ]
    for (i, step) in steps.enumerated() {
      for (path, contents) in step {
        if let contents {
          try fx.write(path, contents, in: dir)
        } else {
          try FileManager.default.removeItem(atPath: dir + "/" + path)
        }
      }
      try fx.commitAll("step \(i)", in: dir)
    }
    return dir
  }

  @Test("revwalk, with and without a path, matches git log")
  func revwalkMatchesGitLog() throws {
    let fx = try GitFixture()
    let dir = try makeHistory(fx)
    let repo = try GitRepository(at: dir)
    #expect(try repo.commits(from: "main").map(\.hex) == fx.gitLines("log", "--format=%H", in: dir))
    #expect(
      try repo.commits(from: "HEAD~2").map(\.hex)
        == fx.gitLines("log", "--format=%H", "HEAD~2", in: dir))
    #expect(
      try repo.commits(from: "main", limit: 3).map(\.hex)
        == fx.gitLines("log", "-3", "--format=%H", in: dir))
    for path in [
      "recipes/a.yaml", "recipes/b.yaml", "recipes/sub", "docs/readme.md",
      "registry.yaml", "recipes", "never/there.yaml",
    ] {
      let expected = try fx.gitLines("log", "--format=%H", "main", "--", path, in: dir)
      #expect(try repo.commits(from: "main", touching: path).map(\.hex) == expected, "path \(path)")
    }
    #expect(
      try repo.commits(from: "main", touching: "recipes/a.yaml", limit: 2).map(\.hex)
        == fx.gitLines("log", "-2", "--format=%H", "main", "--", "recipes/a.yaml", in: dir))
  }

  @Test("revwalk over a merge lists both sides like git log")
  func revwalkWithMerge() throws {
    let fx = try GitFixture()
    let dir = try fx.makeRepo()
    try fx.write("recipes/a.yaml", "v: 1\n", in: dir)
    try fx.commitAll("base", in: dir)
    try fx.git("checkout", "-q", "-b", "side", in: dir)
    try fx.write("recipes/b.yaml", "v: 1\n", in: dir)
    try fx.commitAll("side b", in: dir)
    try fx.git("checkout", "-q", "main", in: dir)
    try fx.write("recipes/a.yaml", "v: 2\n", in: dir)
    try fx.commitAll("main a", in: dir)
    try fx.git("merge", "-q", "--no-edit", "side", in: dir)
    let repo = try GitRepository(at: dir)
    #expect(
      Set(try repo.commits(from: "main").map(\.hex))
        == Set(try fx.gitLines("log", "--format=%H", in: dir)))
    #expect(try repo.commits(from: "main").first?.hex == fx.git("rev-parse", "main", in: dir))
    for path in ["recipes/a.yaml", "recipes/b.yaml"] {
      #expect(
        try repo.commits(from: "main", touching: path).map(\.hex)
          == fx.gitLines("log", "--format=%H", "main", "--", path, in: dir), "path \(path)")
    }
  }

  @Test("path-limited revwalk simplifies merges like git log -- path")
  func revwalkSimplifiesMerges() throws {
    let fx = try GitFixture()
    let dir = try fx.makeRepo()
    try fx.write("recipes/a.yaml", "v: 1\n", in: dir)
    try fx.write("recipes/b.yaml", "v: 1\n", in: dir)
    try fx.commitAll("base", in: dir)
    try fx.git("checkout", "-q", "-b", "side", in: dir)
    try fx.write("recipes/a.yaml", "v: side\n", in: dir)
    try fx.commitAll("side a", in: dir)
    try fx.write("recipes/b.yaml", "v: side\n", in: dir)
    try fx.commitAll("side b", in: dir)
    try fx.git("checkout", "-q", "main", in: dir)
    try fx.write("recipes/c.yaml", "v: 1\n", in: dir)
    try fx.commitAll("main c", in: dir)
    // Keep main's a.yaml and b.yaml: the side branch's changes are discarded.
    try fx.git("merge", "-q", "-s", "ours", "--no-edit", "side", in: dir)
    try fx.write("recipes/a.yaml", "v: 2\n", in: dir)
    try fx.commitAll("main a", in: dir)
    try fx.git("checkout", "-q", "-b", "other", "HEAD~2", in: dir)
    try fx.write("recipes/b.yaml", "v: other\n", in: dir)
    try fx.commitAll("other b", in: dir)
    try fx.git("checkout", "-q", "main", in: dir)
    try fx.git("merge", "-q", "--no-edit", "other", in: dir)
    let repo = try GitRepository(at: dir)
    for path in ["recipes/a.yaml", "recipes/b.yaml", "recipes/c.yaml", "recipes"] {
      let expected = try fx.gitLines("log", "--format=%H", "main", "--", path, in: dir)
      #expect(try repo.commits(from: "main", touching: path).map(\.hex) == expected, "path \(path)")
    }
    #expect(
      try !fx.gitLines("log", "--format=%s", "main", "--", "recipes/a.yaml", in: dir)
        .contains("side a"))
  }

  @Test("tree diff handles mode changes, type changes and file/directory swaps like git")
  func diffEdgeCases() throws {
    let fx = try GitFixture()
    let dir = try fx.makeRepo()
    try fx.write("a", "file a\n", in: dir)
    try fx.write("b.sh", "echo\n", in: dir)
    try fx.write("c", "target\n", in: dir)
    try fx.write("d/x", "x\n", in: dir)
    try fx.write("e", "plain\n", in: dir)
    try fx.write("a.txt", "sorts after a/\n", in: dir)
    try fx.commitAll("before", in: dir)
    try FileManager.default.removeItem(atPath: dir + "/a")
    try fx.write("a/inner", "now a dir\n", in: dir)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/b.sh")
    try FileManager.default.removeItem(atPath: dir + "/d")
    try fx.write("d", "now a file\n", in: dir)
    try FileManager.default.removeItem(atPath: dir + "/e")
    try FileManager.default.createSymbolicLink(atPath: dir + "/e", withDestinationPath: "c")
    try fx.commitAll("after", in: dir)
    let repo = try GitRepository(at: dir)
    let deltas = try repo.diff(from: repo.tree(at: "HEAD~1"), to: repo.tree(at: "HEAD"))
    let expected = try fx.gitLines("diff-tree", "-r", "--name-status", "HEAD~1", "HEAD", in: dir)
    func letter(_ s: TreeDelta.Status) -> String {
      switch s {
      case .added: "A"
      case .deleted: "D"
      case .modified: "M"
      case .typeChanged: "T"
      default: "?"
      }
    }
    #expect(deltas.map { "\(letter($0.status))\t\($0.newPath)" } == expected)
    #expect(deltas.count == 6)
  }

  @Test("tree diff matches git diff-tree -r, with and without rename detection")
  func diffMatchesDiffTree() throws {
    let fx = try GitFixture()
    let dir = try makeHistory(fx)
    try fx.git("mv", "recipes/sub/c.yaml", "recipes/sub/renamed.yaml", in: dir)
    try fx.write("recipes/d.yaml", "v: 1\n", in: dir)
    try fx.commitAll("rename c, add d", in: dir)
    let repo = try GitRepository(at: dir)

    func raw(_ delta: TreeDelta) -> String {
      let status: String
      switch delta.status {
      case .added: status = "A"
      case .deleted: status = "D"
      case .modified: status = "M"
      case .renamed: status = "R"
      case .copied: status = "C"
      case .typeChanged: status = "T"
      case .other: status = "?"
      }
      let zero = String(repeating: "0", count: 40)
      let ids = "\(delta.oldID?.hex ?? zero) \(delta.newID?.hex ?? zero)"
      let paths = delta.status == .renamed ? "\(delta.oldPath)\t\(delta.newPath)" : delta.newPath
      return "\(ids) \(status)\t\(paths)"
    }
    func diffTree(_ args: String...) throws -> [String] {
      // ":100644 100644 <old> <new> M\tpath" → "<old> <new> M\tpath" (similarity dropped)
      try fx.gitLines(["diff-tree", "-r", "--no-abbrev"] + args, in: dir).map { line in
        let fields = line.dropFirst().split(separator: " ", maxSplits: 4)
        let statusAndPaths = fields[4].split(separator: "\t", maxSplits: 1)
        return "\(fields[2]) \(fields[3]) \(statusAndPaths[0].prefix(1))\t\(statusAndPaths[1])"
      }
    }
    for (old, new) in [("HEAD~1", "HEAD"), ("HEAD~4", "HEAD~1"), ("HEAD~7", "HEAD")] {
      let deltas = try repo.diff(from: repo.tree(at: old), to: repo.tree(at: new))
      #expect(deltas.map(raw) == (try diffTree(old, new)), "\(old)..\(new)")
    }
    let renamed = try repo.diff(
      from: repo.tree(at: "HEAD~1"), to: repo.tree(at: "HEAD"), detectRenames: true)
    #expect(renamed.map(raw).sorted() == (try diffTree("-M", "HEAD~1", "HEAD")).sorted())
    #expect(renamed.contains { $0.status == .renamed && $0.oldPath == "recipes/sub/c.yaml" })

    let everything = try repo.diff(from: nil, to: repo.tree(at: "HEAD"))
    #expect(everything.allSatisfy { $0.status == .added && $0.oldID == nil })
    #expect(
      everything.map(\.newPath)
        == (try fx.gitLines("ls-tree", "-r", "--name-only", "HEAD", in: dir)))
    #expect(try repo.diff(from: repo.tree(at: "HEAD"), to: repo.tree(at: "HEAD")).isEmpty)
    let nothing = try repo.diff(from: repo.tree(at: "HEAD"), to: nil)
    #expect(nothing.count == everything.count && nothing.allSatisfy { $0.status == .deleted })
  }
}
