import TestSupport
import Testing

@testable import RegistryCLI

/// A libgit2 failure prints what happened and what to do, then libgit2's own report.
@Suite struct GitErrorReportTests {
  @Test func aMissingRevSaysWhatToDo() throws {
    let repo = InProcessCommandTests.repo
    let args = ["show", "minimal@no-such-rev", "--repo", repo]
    let r = InProcessCommandTests.run(args)
    #expect(r.status == 3)
    #expect(r.stdout.isEmpty)
    let path = PackageRoot.url.standardizedFileURL.path
    #expect(
      r.stderr == """
        error: rev 'no-such-rev' does not exist in \(path)
          hint: check the branch, tag or commit ('git log --oneline', 'git branch -a' in the repository)
          libgit2: rev 'no-such-rev' not found in \(path) (git_revparse_single): revspec 'no-such-rev' not found

        """)
    #expect(try InProcessCommandTests.binary(args) == r)
  }
}
