import Foundation
import Registry
import TestSupport
import Testing

/// The migration commit's diff stat agrees with `git diff --numstat` where lines change in
/// place (the stat counts lines by content; git aligns them, which agrees without moves).
@Suite struct LineStatTests {
  @Test(
    .requiresTool("git"),
    arguments: [
      ("a: 1\nb: 2\nc: 3\n", "a: 1\nb: 20\nc: 3\nd: 4\n"),
      ("schema: v1\n# comment ünï\nx: [1, 2]\n", "schema: v2\n# comment ünï\n"),
      ("same\n", "same\n"),
    ])
  func agreesWithGitNumstat(_ old: String, _ new: String) throws {
    let git = try #require(Subprocess.which("git"))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "linestat-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Data(old.utf8).write(to: URL(fileURLWithPath: dir + "/a"))
    try Data(new.utf8).write(to: URL(fileURLWithPath: dir + "/b"))
    let r = try Subprocess.run(git, ["diff", "--no-index", "--numstat", dir + "/a", dir + "/b"])
    let fields = r.stdout.split(whereSeparator: { $0 == "\t" || $0 == " " }).prefix(2).compactMap {
      Int($0)
    }
    let (gitInsertions, gitDeletions) = fields.count == 2 ? (fields[0], fields[1]) : (0, 0)
    let stat = RegistryMigration.lineStat(Array(old.utf8), Array(new.utf8))
    #expect(stat.insertions == gitInsertions)
    #expect(stat.deletions == gitDeletions)
  }
}
