import Foundation
import SyntheticData
import TestSupport
import Testing

@testable import Registry

/// A read-only repository, a full disk and a locked ref: `registry publish` fails with a
/// clear error (operation, object, what to do) and leaves nothing behind: the branch is
/// unchanged, `git fsck --strict` is clean, no file of the repository changed and no temporary
/// file is left. Reads keep working.
@Suite(.serialized) struct FailureModeTests {
  /// A bare registry with one published recipe, the CLI and a second recipe to publish.
  struct Setup {
    let f: PublishFixture
    let cli: String
    let repo: String
    let recipe: String
    let tip: String
    let files: [String: Int]

    init(in directory: String? = nil) throws {
      let cli = try PublishFixture.cli()
      f = try PublishFixture()
      self.cli = cli
      let repo = (directory ?? f.git.root) + "/reg.git"
      let registry = try RecipeRegistry.initialize(at: repo, bare: true, author: f.author)
      _ = try RecipePublisher(registry: registry).publish(
        [f.input(PublishFixture.v2("first"))], options: PublishOptions(author: f.author))
      self.repo = registry.repository.gitDirectory
      recipe = f.git.path("second.yaml")
      try PublishFixture.v2("second", model: "Qwen/Qwen3-32B").write(
        toFile: recipe, atomically: true, encoding: .utf8)
      // Warm the index cache, so a later read needs no write.
      #expect(try Subprocess.run(cli, ["search", "--repo", self.repo, "-o", "paths"]).status == 0)
      tip = try f.git.git("rev-parse", "refs/heads/main", in: self.repo)
      files = DirectoryListing.files(under: self.repo)
    }

    var publish: [String] {
      ["publish", "--repo", repo, "--author", "Pat <pat@example.com>", recipe]
    }

    /// The branch did not move, fsck is clean and no file of the repository changed, except
    /// `extra` and, with `newObjects`, whole loose objects (written before the ref update
    /// failed, unreferenced, pruned by `git gc` as git's own are; fsck checks they are whole).
    func expectUntouched(
      _ what: String, ignoring extra: Set<String> = [], newObjects: Bool = false,
      sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
      #expect(
        try f.git.git("rev-parse", "refs/heads/main", in: repo) == tip, "\(what): the branch moved",
        sourceLocation: sourceLocation)
      #expect(
        try f.git.git("fsck", "--strict", "--no-dangling", in: repo).isEmpty,
        sourceLocation: sourceLocation)
      let now = DirectoryListing.files(under: repo).filter { file in
        !extra.contains(file.key)
          && !(newObjects && files[file.key] == nil && Self.isLooseObject(file.key))
      }
      #expect(
        now == files,
        "\(what): files changed: \(Set(now.keys).symmetricDifference(files.keys).sorted())",
        sourceLocation: sourceLocation)
      #expect(
        DirectoryListing.debris(under: repo).filter { !extra.contains($0) }.isEmpty,
        sourceLocation: sourceLocation)
    }

    /// `objects/xx/<38 hex digits>`.
    static func isLooseObject(_ path: String) -> Bool {
      let parts = path.split(separator: "/")
      return parts.count == 3 && parts[0] == "objects" && parts[1].count == 2
        && parts[2].count == 38
        && parts[1...].allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// Search at the current tip still answers, from the warm cache.
    func expectReadable(sourceLocation: SourceLocation = #_sourceLocation) throws {
      let found = try Subprocess.run(cli, ["search", "--repo", repo, "-o", "paths"])
      #expect(found.status == 0, "\(found.stderr)", sourceLocation: sourceLocation)
      #expect(
        found.stdout == "recipes/deepseek-ai/deepseek-r1/sglang/first.yaml\n",
        sourceLocation: sourceLocation)
    }
  }

  @Test func lockedRefIsAClearErrorAndWritesNothing() throws {
    let s = try Setup()
    let lock = s.repo + "/refs/heads/main.lock"
    #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
    let run = try Subprocess.run(s.cli, s.publish)
    #expect(run.status == 4)
    #expect(run.stderr.contains("cannot update refs/heads/main"), "\(run.stderr)")
    #expect(
      run.stderr.contains(lock + " exists") && run.stderr.contains("remove " + lock),
      "\(run.stderr)")
    try s.expectUntouched("locked ref", ignoring: ["refs/heads/main.lock"], newObjects: true)
    try s.expectReadable()
    try FileManager.default.removeItem(atPath: lock)
    #expect(try Subprocess.run(s.cli, s.publish).status == 0)
  }

  @Test(
    .enabled(
      if: ReadOnly.isPossible,
      "running as root without chattr or mount: cannot make a read-only repository"))
  func readOnlyRepositoryIsAClearErrorAndWritesNothing() throws {
    let s = try Setup()
    let readOnly = try ReadOnly.make(s.repo)
    defer { readOnly.undo() }
    let run = try Subprocess.run(s.cli, s.publish)
    #expect(run.status == 1)
    #expect(run.stderr.contains("cannot update refs/heads/main in \(s.repo)"), "\(run.stderr)")
    #expect(
      run.stderr.contains("nothing was written") && run.stderr.contains("not writable by you"),
      "\(run.stderr)")
    try s.expectReadable()
    readOnly.undo()
    try s.expectUntouched("read-only (\(readOnly.how))")
  }

  /// RLIMIT_FSIZE 0 (SIGXFSZ ignored): every write of a regular file fails with EFBIG, like a
  /// full disk; works without privileges.
  @Test func fileSizeLimitIsAClearErrorAndWritesNothing() throws {
    let s = try Setup()
    let limit = "ulimit -f 0; trap '' XFSZ"
    let run = try Subprocess.run(s.cli, s.publish, shellSetup: limit)
    #expect(run.status == 1)
    #expect(run.stderr.contains("cannot update refs/heads/main in \(s.repo)"), "\(run.stderr)")
    #expect(
      run.stderr.contains("File too large") && run.stderr.contains("the disk is full"),
      "\(run.stderr)")
    try s.expectUntouched("file-size limit")
    // With the blob and trees already stored (published on another branch), the first write
    // to fail is the commit's: libgit2 1.5 reports success for it, and the registry checks.
    try s.f.git.git("update-ref", "refs/heads/scratch", s.tip, in: s.repo)
    let bytes = Array(try String(contentsOfFile: s.recipe, encoding: .utf8).utf8)
    _ = try RecipePublisher(registry: try RecipeRegistry.open(at: s.repo)).publish(
      [RecipePublisher.Input(file: s.recipe, bytes: bytes)],
      options: PublishOptions(author: s.f.author, branch: "scratch"))
    let commit = try Subprocess.run(s.cli, s.publish, shellSetup: limit)
    #expect(commit.status == 1)
    #expect(
      commit.stderr.contains("commit of tree") && commit.stderr.contains("File too large"),
      "\(commit.stderr)")
    #expect(commit.stderr.contains("the disk is full"), "\(commit.stderr)")
    #expect(try s.f.git.git("rev-parse", "refs/heads/main", in: s.repo) == s.tip)
    #expect(try s.f.git.git("fsck", "--strict", "--no-dangling", in: s.repo).isEmpty)
    #expect(DirectoryListing.debris(under: s.repo).isEmpty)
    // A read that must build the index cache answers from memory and leaves no temporary file.
    try FileManager.default.removeItem(atPath: s.repo + "/registry-index")
    let found = try Subprocess.run(
      s.cli, ["search", "--repo", s.repo, "-o", "paths"], shellSetup: limit)
    #expect(
      found.status == 0 && found.stdout == "recipes/deepseek-ai/deepseek-r1/sglang/first.yaml\n",
      "\(found.stderr)")
    #expect(DirectoryListing.debris(under: s.repo).isEmpty)
  }

  /// The registry-wide migration writes its objects as one pack: when the pack cannot be
  /// written (EFBIG), the branch stays, nothing is left behind and the error says why.
  @Test(.requiresV1Converter)
  func migrationUnderAFileSizeLimitWritesNothing() throws {
    let cli = try PublishFixture.cli()
    let f = try PublishFixture()
    let repo = f.git.path("synthetic.git")
    try SyntheticRegistry.generate(at: repo, count: 40, seed: 9, brokenEvery: 0)
    // Warm the index cache, so that only the migration's own writes are refused.
    #expect(try Subprocess.run(cli, ["search", "--repo", repo, "-o", "paths"]).status == 0)
    let tip = try f.git.git("rev-parse", "refs/heads/main", in: repo)
    let files = DirectoryListing.files(under: repo)
    let run = try Subprocess.run(
      cli, ["migrate", "v1", "v2", "--repo", repo, "--author", "Pat <pat@example.com>"],
      shellSetup: "ulimit -f 0; trap '' XFSZ")
    #expect(run.status != 0)
    #expect(
      run.stderr.contains("File too large") && run.stderr.contains("refs/heads/main"),
      "\(run.stderr)")
    #expect(try f.git.git("rev-parse", "refs/heads/main", in: repo) == tip)
    #expect(try f.git.git("fsck", "--strict", "--no-dangling", in: repo).isEmpty)
    #expect(
      DirectoryListing.files(under: repo) == files,
      "\(Set(DirectoryListing.files(under: repo).keys).symmetricDifference(files.keys).sorted())")
    // Without the limit the same migration lands.
    let again = try Subprocess.run(
      cli, ["migrate", "v1", "v2", "--repo", repo, "--author", "Pat <pat@example.com>"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try f.git.git("rev-parse", "refs/heads/main~1", in: repo) == tip)
  }

  /// Whether a small tmpfs can be mounted here (tried once on a scratch directory).
  static let canMountTmpfs: Bool = {
    guard let f = try? GitFixture() else { return false }
    let dir = f.path("probe")
    guard
      (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true))
        != nil,
      (try? Subprocess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]))?.status
        == 0
    else { return false }
    _ = try? Subprocess.run("/bin/umount", [dir])
    return true
  }()

  /// A small tmpfs filled up (needs mount privileges; skipped with a reason otherwise).
  @Test(
    .enabled(
      if: canMountTmpfs,
      "cannot mount a small tmpfs here (needs mount privileges); fileSizeLimitIsAClearErrorAndWritesNothing covers EFBIG"
    ))
  func fullDiskIsAClearErrorAndWritesNothing() throws {
    let f = try GitFixture()
    let mountPoint = f.path("small")
    try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
    let mounted = try Subprocess.run(
      "/bin/mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint])
    try #require(mounted.status == 0, "mount tmpfs: \(mounted.stderr)")
    defer { _ = try? Subprocess.run("/bin/umount", [mountPoint]) }
    let s = try Setup(in: mountPoint)
    // Fill the disk.
    let filler = mountPoint + "/filler"
    let fd = open(filler, O_WRONLY | O_CREAT, 0o644)
    let block = [UInt8](repeating: 0xAB, count: 4096)
    while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
    close(fd)
    let run = try Subprocess.run(s.cli, s.publish)
    #expect(run.status == 1)
    #expect(run.stderr.contains("cannot update refs/heads/main in \(s.repo)"), "\(run.stderr)")
    #expect(
      run.stderr.contains("No space left on device") && run.stderr.contains("the disk is full"),
      "\(run.stderr)")
    try s.expectReadable()
    try FileManager.default.removeItem(atPath: filler)
    try s.expectUntouched("full disk")
    #expect(try Subprocess.run(s.cli, s.publish).status == 0)
  }
}
