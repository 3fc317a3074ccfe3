import Foundation
import Registry
import TestSupport
import Testing

@testable import RegistryCLI

/// Commands run in-process, their stdout and stderr captured through `OutputStreams`, print
/// and exit exactly as the built binary does.
@Suite struct InProcessCommandTests {
  /// What one in-process run printed and returned.
  struct Run: Equatable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
  }

  /// Runs `registry ARGS` in this process.
  static func run(_ args: [String]) -> Run {
    let (streams, out, err) = OutputStreams.captured()
    let status = OutputStreams.$current.withValue(streams) { RegistryCommand.run(args) }
    return Run(status: status, stdout: out.text, stderr: err.text)
  }

  /// Runs `registry ARGS` as a process.
  static func binary(_ args: [String]) throws -> Run {
    let r = try RegistryBinary.run(args)
    return Run(status: r.status, stdout: r.stdout, stderr: r.stderr)
  }

  static let repo = PackageRoot.path(".")
  static let valid = PackageRoot.path("Tests/SchemaTests/Fixtures/v2/valid/minimal-agg.yaml")
  static let invalid = PackageRoot.path("Tests/SchemaTests/Fixtures/v2/invalid/bad-engine.yaml")

  static let commands: [[String]] = [
    ["stats", "--repo", repo],
    ["stats", "--json", "--repo", repo],
    ["search", "--gpu", "gb200", "--repo", repo],
    ["search", "deepseek", "-o", "json", "--repo", repo],
    ["search", "no-recipe-matches-this", "--fail-on-no-result", "--repo", repo],  // 1, no error line
    ["validate", valid],
    ["validate", "--json", invalid],  // 1: findings
    ["validate", "--color", "always", invalid],
    ["show", "no-such-recipe", "--repo", repo],  // 3
    ["engines", "foo"],  // 64, thrown by the command
    ["validate"],  // 64, argument-parser's usage error
    ["search", "--engine-version", "garbage", "--repo", repo],  // 64, ValidationError from run()
    ["bogus"],  // 64, unknown subcommand
    ["search", "--repo", "/nonexistent"],  // 3: no registry
  ]

  @Test(arguments: commands)
  func printsAndExitsAsTheBinary(_ args: [String]) throws {
    let inProcess = Self.run(args)
    let binary = try Self.binary(args)
    #expect(inProcess == binary, "registry \(args.joined(separator: " "))")
    #expect(inProcess.status != 0 || !inProcess.stdout.isEmpty || !inProcess.stderr.isEmpty)
  }

  @Test func eachExitCodeClassHasItsStatusAndErrorLine() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = dir + "/reg.git"
    let author = "Ada Author <ada@example.com>"
    #expect(Self.run(["init", repo, "--bare", "--author", author]).status == 0)
    let publish = ["publish", Self.valid, "--repo", repo, "--author", author]
    #expect(Self.run(publish).status == 0)

    // 4: a conflict (the recipe exists), from a library error's kind.
    let conflict = Self.run(publish)
    #expect(conflict.status == 4)
    #expect(conflict.stderr.hasPrefix("error: a recipe named 'minimal' exists at "))
    #expect(conflict == (try Self.binary(publish)))

    // 3: not found.
    let missing = Self.run([
      "pin", "nope", "--engine-version", "v0.5.8", "--repo", repo, "--author", author,
    ])
    #expect(missing.status == 3)
    #expect(missing.stderr.hasPrefix("error: no recipe named 'nope' at "))

    // 64: a CLIError of kind invalidRequest, and a lock error of that kind.
    let badAuthor = Self.run(["publish", Self.valid, "--repo", repo, "--author", "bad"])
    #expect(
      badAuthor
        == Run(
          status: 64, stdout: "",
          stderr: "error: --author must look like \"Name <mail@example.com>\", not 'bad'\n"))
    let revWithLock = Self.run(["show", "minimal@HEAD", "--locked", "--repo", repo])
    #expect(revWithLock.status == 64)
    #expect(
      revWithLock.stderr.hasPrefix(
        "error: 'minimal@HEAD' names rev HEAD, but --locked reads the blob "))

    // 1: failed, printed by the mapping.
    let invalid = Self.run(["publish", Self.invalid, "--repo", repo, "--author", author])
    #expect(invalid.status == 1)
    #expect(invalid.stderr.hasPrefix("error: "))
  }

  @Test func helpGoesToStdoutWithStatusZero() {
    let help = Self.run(["--help"])
    #expect(help.status == 0)
    #expect(help.stdout.hasPrefix("OVERVIEW: A git-backed registry of LLM-serving recipes."))
    #expect(help.stderr.isEmpty)
  }

  @Test func exitStatusOfEachFailureKind() {
    #expect(ExitStatus.code(for: .notFound).rawValue == 3)
    #expect(ExitStatus.code(for: .conflict).rawValue == 4)
    #expect(ExitStatus.code(for: .invalidRequest).rawValue == 64)
    #expect(ExitStatus.code(for: .failed).rawValue == 1)
  }
}
