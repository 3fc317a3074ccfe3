import Foundation
import TestSupport
import Testing

/// A registry made by `registry init` (with a work tree): writes to the checked-out branch
/// keep the git index and work tree in step with it (git's `updateInstead`), so plain git
/// commands afterwards never see recipes as deleted; local changes in the way refuse the write.
/// Runs the built binary and the real `git` in a shell, from inside the registry folder.
@Suite struct WorkTreeCLITests {
  /// Runs `script` with `sh` in `dir`; `registry` is the built binary and git has a fixed
  /// identity and no global or system configuration.
  static func sh(_ script: String, in dir: String) throws -> Subprocess.Result {
    let binary = try RegistryBinary.path()
    let prologue = """
      export HOME='\(dir)' GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
      export GIT_AUTHOR_NAME='Ada Author' GIT_AUTHOR_EMAIL=ada@example.com
      export GIT_COMMITTER_NAME='Ada Author' GIT_COMMITTER_EMAIL=ada@example.com
      registry() { '\(binary)' "$@"; }
      cd '\(dir)' || exit 99
      set -e

      """
    return try Subprocess.run("/bin/sh", ["-c", prologue + script])
  }

  static func write(_ name: String, version: String = "0.5.5", to file: String) throws {
    try SampleRecipes.v2(name, version: version).write(
      toFile: file, atomically: true, encoding: .utf8)
  }

  @Test func publishLockAndGitCommitKeepEveryRecipe() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let made = try Self.sh("registry init reg", in: dir)
    #expect(made.status == 0, "\(made.stderr)")
    #expect(
      made.stderr.contains("work tree"),
      "init says it made a registry with a work tree: \(made.stderr)")
    for name in ["alpha", "beta", "gamma"] { try Self.write(name, to: dir + "/\(name).yaml") }

    // The issue's sequence, then the other writes to the checked-out branch.
    let r = try Self.sh(
      """
      cd reg
      registry publish ../alpha.yaml ../beta.yaml
      registry publish ../gamma.yaml && registry lock && git add registry.lock && git commit -q -m lock
      registry pin alpha --engine-version 0.5.9 --image lmsysorg/sglang:v0.5.9-cu130
      registry deprecate beta --reason superseded
      echo '--- status'
      git status --porcelain
      """, in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.hasSuffix("--- status\n"), "git status --porcelain after the writes:\n\(r.stdout)")

    let files = try Self.sh("cd reg && git ls-files && git log --format=%s", in: dir)
    for name in ["alpha", "beta", "gamma"] {
      #expect(files.stdout.contains("/\(name).yaml"), "\(name) is tracked:\n\(files.stdout)")
    }
    #expect(files.stdout.contains("registry.lock"))
    #expect(
      files.stdout.contains("Deprecate beta\nPin alpha to sglang 0.5.9\nlock\nPublish gamma\n"),
      "\(files.stdout)")
    let list = try Self.sh("cd reg && registry list -o paths", in: dir)
    #expect(list.status == 0, "\(list.stderr)")
    for name in ["alpha", "beta", "gamma"] { #expect(list.stdout.contains(name), "\(list.stdout)") }
    // The checked-out files are the branch's: the pin and the deprecation are in them.
    let alpha = try Self.sh("cd reg && cat $(git ls-files '*alpha.yaml')", in: dir)
    #expect(alpha.stdout.contains("version: 0.5.9"), "\(alpha.stdout)")
    let tree = try Self.sh(
      "cd reg && git diff --exit-code HEAD && git diff --cached --exit-code HEAD", in: dir)
    #expect(tree.status == 0, "\(tree.stdout)")
  }

  @Test func localChangesToAWrittenRecipeRefuseTheWrite() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Self.write("alpha", to: dir + "/alpha.yaml")
    try Self.write("beta", to: dir + "/beta.yaml")
    let setup = try Self.sh(
      "registry init reg && cd reg && registry publish ../alpha.yaml ../beta.yaml", in: dir)
    #expect(setup.status == 0, "\(setup.stderr)")

    // An uncommitted edit of alpha: pinning alpha would overwrite it (or leave it behind).
    let pin = try Self.sh(
      """
      cd reg
      echo '# my local note' >> "$(git ls-files '*alpha.yaml')"
      before=$(git rev-parse HEAD)
      registry pin alpha --engine-version 0.5.9 || echo "exit $?"
      test "$before" = "$(git rev-parse HEAD)" && echo unchanged
      """, in: dir)
    #expect(pin.stdout.contains("exit 4"), "\(pin.stdout)\n\(pin.stderr)")
    #expect(pin.stdout.contains("unchanged"))
    #expect(pin.stderr.contains("local changes to recipes/"), "\(pin.stderr)")
    #expect(pin.stderr.contains("hint: commit or stash"), "\(pin.stderr)")
    let kept = try Self.sh(
      "cd reg && cat $(git ls-files '*alpha.yaml') && git status --porcelain", in: dir)
    #expect(kept.stdout.contains("# my local note"))

    // A write that does not touch the edited file goes through and leaves the edit alone.
    let other = try Self.sh(
      """
      cd reg
      registry pin beta --engine-version 0.5.9 >/dev/null
      git status --porcelain
      """, in: dir)
    #expect(other.status == 0, "\(other.stderr)")
    #expect(
      other.stdout == " M recipes/deepseek-ai/deepseek-r1/sglang/alpha.yaml\n", "\(other.stdout)")

    // A staged change counts as well, and so does an untracked file where a recipe goes.
    try Self.write("gamma", to: dir + "/gamma.yaml")
    let staged = try Self.sh(
      """
      cd reg
      git checkout -q -- .
      echo '# staged' >> "$(git ls-files '*beta.yaml')" && git add -A && git checkout -q -- .
      registry pin beta --engine-version 0.6.0 || echo "exit $?"
      git reset -q --hard
      cp ../gamma.yaml recipes/deepseek-ai/deepseek-r1/sglang/gamma.yaml
      registry publish ../gamma.yaml || echo "exit $?"
      """, in: dir)
    #expect(
      staged.stdout.components(separatedBy: "exit 4").count == 3,
      "\(staged.stdout)\n\(staged.stderr)")
  }
}
