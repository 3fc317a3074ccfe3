import Foundation
import Registry
import Testing

/// libgit2's failures in words: what happened and what to do, with libgit2's report after.
@Suite("GitError: what happened and what to do")
struct GitErrorExplanationTests {
  let author = Signature(name: "A", email: "a@example.com", time: 1_720_000_000)

  /// `explained` is the explanation, its hint, then the raw report.
  func expectExplained(_ error: GitError?, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let error, let explanation = error.explanation else {
      Issue.record(
        "no explanation for \(String(describing: error))", sourceLocation: sourceLocation)
      return
    }
    #expect(explanation.hint != nil, sourceLocation: sourceLocation)
    #expect(
      error.explained == explanation.what + "\n  hint: " + (explanation.hint ?? "")
        + "\n  libgit2: " + error.description,
      sourceLocation: sourceLocation)
  }

  @Test("not a repository, a missing rev, an ambiguous one")
  func notFound() throws {
    let fx = try GitFixture()
    let missing = fx.path("missing")
    let notARepository = #expect(throws: GitError.self) { try GitRepository(at: missing) }
    #expect(
      notARepository?.explanation?.what
        == "\(missing) is not a git repository (nor is any folder above it)")
    #expect(notARepository?.explanation?.hint?.contains("registry init") == true)
    expectExplained(notARepository)

    let dir = try fx.makeRepo()
    try fx.write("a", "a\n", in: dir)
    try fx.commitAll("one", in: dir)
    let repo = try GitRepository(at: dir)
    let rev = #expect(throws: GitError.self) { try repo.resolve("main~99") }
    #expect(rev?.explanation?.what == "rev 'main~99' does not exist in \(dir)")
    #expect(
      rev?.explained.hasSuffix(
        "\n  libgit2: rev 'main~99' not found in \(dir) (git_revparse_single): "
          + (rev?.message ?? "")) == true)
    expectExplained(rev)
    let short = #expect(throws: GitError.self) { try repo.resolve("abc") }
    #expect(short?.code == .ambiguous)  // shorter than libgit2's 4-character minimum
    #expect(
      short?.explanation?.what
        == "rev 'abc' is ambiguous in \(dir): too short, or it matches more than one object")
    expectExplained(short)
  }

  @Test("a locked, a concurrently changed and an invalid reference")
  func references() throws {
    let fx = try GitFixture()
    let dir = try fx.makeRepo()
    try fx.write("a", "1\n", in: dir)
    let first = try #require(ObjectID(hex: try fx.commitAll("one", in: dir)))
    try fx.write("a", "2\n", in: dir)
    let second = try #require(ObjectID(hex: try fx.commitAll("two", in: dir)))
    let repo = try GitRepository(at: dir)

    let lock = dir + "/.git/refs/heads/main.lock"
    #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
    let locked = #expect(throws: GitError.self) {
      try repo.updateReference(
        "refs/heads/main", to: first, expecting: .value(second), message: "x")
    }
    try FileManager.default.removeItem(atPath: lock)
    #expect(
      locked?.explanation?.what.contains("is locked in \(dir): another git process is writing it")
        == true)
    #expect(locked?.explanation?.hint?.contains(".lock file") == true)
    #expect(
      locked?.explained.contains("main.lock") == true,
      "the lock file is named: \(String(describing: locked))")
    expectExplained(locked)

    let stale = #expect(throws: GitError.self) {
      try repo.updateReference(
        "refs/heads/main", to: second, expecting: .value(first), message: "x")
    }
    #expect(
      stale?.explanation?.what.contains("while it was being updated: someone else wrote to it")
        == true)
    expectExplained(stale)

    let invalid = #expect(throws: GitError.self) {
      try repo.updateReference("refs/heads/a..b", to: first, expecting: .any, message: "x")
    }
    #expect(invalid?.explanation?.what.hasSuffix("is not a valid git name") == true)
    expectExplained(invalid)

    let added = #expect(throws: GitError.self) {
      _ = try repo.addRemote(named: "origin", url: "file:///x")
      _ = try repo.addRemote(named: "origin", url: "file:///y")
    }
    #expect(added?.explanation?.what == "remote 'origin' already exists in \(dir)")
    expectExplained(added)
  }

  @Test("a corrupt object")
  func corruptObject() throws {
    let fx = try GitFixture()
    let dir = try fx.makeRepo()
    let id = try GitRepository(at: dir).writeBlob("recipe\n")
    let file = dir + "/.git/objects/" + id.hex.prefix(2) + "/" + id.hex.dropFirst(2)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
    try Data("garbage".utf8).write(to: URL(fileURLWithPath: file))
    let damaged = #expect(throws: GitError.self) { try GitRepository(at: dir).blob(id) }
    #expect(
      damaged?.explanation?.what.hasSuffix("the repository holds a corrupt object or pack") == true,
      "\(String(describing: damaged))")
    #expect(damaged?.explanation?.hint?.contains("git fsck") == true)
    expectExplained(damaged)
  }

  @Test("an unreachable remote")
  func network() throws {
    let fx = try GitFixture()
    let dir = try fx.makeRepo()
    let repo = try GitRepository(at: dir)
    _ = try repo.addRemote(named: "down", url: "git://127.0.0.1:1/x.git")
    let down = #expect(throws: GitError.self) { try repo.fetch(remote: "down") }
    #expect(
      down?.explanation?.what == "could not reach the remote for remote 'down'",
      "\(String(describing: down))")
    expectExplained(down)
  }

  @Test("permissions, space, credentials, rejected pushes, by code and message")
  func classes() {
    func error(
      _ code: GitError.Code, klass: Int32 = 0, _ message: String,
      _ function: String = "git_odb_write"
    )
      -> GitError
    {
      GitError(
        code: code, klass: klass, message: message, function: function, object: "blob",
        repository: "/r")
    }
    let write = error(.other(-1), klass: 2, "failed to create file: Permission denied")
    #expect(
      write.explanation == .init(what: "permission denied on blob in /r", hint: write.writeHint))
    let read = error(.other(-1), klass: 2, "failed to open: Permission denied", "git_odb_read")
    #expect(
      read.explanation?.hint == "ask for read access to the repository, or work in a clone of it")
    let full = error(.other(-1), klass: 2, "write error: No space left on device")
    #expect(full.explanation?.what == "no space left to write blob in /r")
    let auth = error(.other(-16), klass: 34, "authentication required", "git_remote_push")
    #expect(auth.explanation?.what == "the remote refused the credentials for blob")
    let rejected = error(
      .nonFastForward, "cannot push non-fastforwardable reference", "git_remote_push")
    #expect(rejected.explanation?.hint == "run 'registry pull' and then push again")
    for e in [write, read, full, auth, rejected] { expectExplained(e) }

    // Anything else keeps libgit2's report as it is.
    let other = error(.other(-1), klass: 3, "something unusual")
    #expect(other.explanation == nil)
    #expect(other.explained == other.description)
  }
}
