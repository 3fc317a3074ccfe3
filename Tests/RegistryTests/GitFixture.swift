import Foundation

/// A throwaway directory for git repositories, removed when the fixture is released.
///
/// Runs the real `git` CLI with a fixed identity and no global/system config, so tests do
/// not depend on the machine's git setup. No chdir, no global environment changes.
final class GitFixture {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// The unique temporary directory of this fixture.
  let root: String
  private var clock: Int = 1_700_000_000

  init() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("registry-git-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    root = dir.path
  }

  deinit { try? FileManager.default.removeItem(atPath: root) }

  /// An absolute path inside the fixture.
  func path(_ relative: String) -> String { root + "/" + relative }

  /// Runs `git -C dir args…` and returns stdout with the final newline removed.
  @discardableResult
  func git(_ args: String..., in dir: String, allowFailure: Bool = false) throws -> String {
    try git(args, in: dir, allowFailure: allowFailure)
  }

  @discardableResult
  func git(
    _ args: [String], in dir: String, allowFailure: Bool = false, stdin: String? = nil
  ) throws -> String {
    clock += 60
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", dir] + args
    var env = ProcessInfo.processInfo.environment
    env["HOME"] = root
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_CONFIG_GLOBAL"] = "/dev/null"
    env["GIT_AUTHOR_NAME"] = "Ada Author"
    env["GIT_AUTHOR_EMAIL"] = "ada@example.com"
    env["GIT_COMMITTER_NAME"] = "Carl Committer"
    env["GIT_COMMITTER_EMAIL"] = "carl@example.com"
    env["GIT_AUTHOR_DATE"] = "@\(clock) +0100"
    env["GIT_COMMITTER_DATE"] = "@\(clock) +0100"
    process.environment = env
    let out = Pipe()
    let err = FileHandle(forWritingAtPath: "/dev/null")
    process.standardOutput = out
    if let stdin { process.standardInput = FileHandle(forReadingAtPath: stdin) }
    process.standardError = allowFailure ? err : FileHandle.standardError
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if process.terminationStatus != 0 && !allowFailure {
      throw Failure(description: "git \(args.joined(separator: " ")) failed in \(dir)")
    }
    var text = String(decoding: data, as: UTF8.self)
    if text.hasSuffix("\n") { text.removeLast() }
    return text
  }

  /// Lines of a git command's output (empty output gives no lines).
  func gitLines(_ args: String..., in dir: String) throws -> [String] {
    try gitLines(args, in: dir)
  }

  func gitLines(_ args: [String], in dir: String) throws -> [String] {
    let text = try git(args, in: dir)
    return text.isEmpty
      ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// Creates a non-bare repository with the git CLI on branch `main`.
  func makeRepo(_ name: String = "repo") throws -> String {
    let dir = path(name)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try git("init", "-q", "-b", "main", in: dir)
    return dir
  }

  /// Writes a file (creating directories) inside a work tree.
  func write(_ relative: String, _ contents: String, in repo: String) throws {
    let url = URL(fileURLWithPath: repo + "/" + relative)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: url)
  }

  /// Stages everything and commits; returns the new commit id.
  @discardableResult
  func commitAll(_ message: String, in repo: String) throws -> String {
    try git("add", "-A", in: repo)
    try git("commit", "-q", "--allow-empty", "-m", message, in: repo)
    return try git("rev-parse", "HEAD", in: repo)
  }
}
