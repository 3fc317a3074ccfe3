import Foundation
import TestSupport
import Testing

@testable import RegistryCLI

/// A mistyped command name gets a did-you-mean; global options may come before the command
/// name (`registry --repo X publish ...`).
@Suite struct CommandLineArgumentsTests {
  typealias Run = InProcessCommandTests.Run
  static let repo = InProcessCommandTests.repo

  static func run(_ args: [String]) -> Run { InProcessCommandTests.run(args) }

  @Test func aMistypedCommandSuggestsTheNearestOne() throws {
    let r = Self.run(["serach", "--gpu", "gb200"])
    #expect(
      r
        == Run(
          status: 64, stdout: "",
          stderr: "error: unknown command 'serach'; did you mean 'search'?\n"))
    #expect(try InProcessCommandTests.binary(["serach", "--gpu", "gb200"]) == r)
    #expect(
      Self.run(["pubilsh", "a.yaml"]).stderr
        == "error: unknown command 'pubilsh'; did you mean 'publish'?\n")
    #expect(
      Self.run(["remote", "ad", "t", "u"])
        == Run(
          status: 64, stdout: "",
          stderr: "error: unknown command 'remote ad'; did you mean 'remote add'?\n"))
    #expect(
      Self.run(["frobnicate"])
        == Run(
          status: 64, stdout: "",
          stderr: "error: unknown command 'frobnicate'; see 'registry --help' for the commands\n"))
  }

  @Test func globalOptionsBeforeTheCommandReadAsAfterIt() throws {
    let after = Self.run(["search", "--gpu", "gb200", "--repo", Self.repo, "--json"])
    #expect(after.status == 0)
    let before = Self.run(["--repo", Self.repo, "--json", "search", "--gpu", "gb200"])
    #expect(before == after)
    #expect(
      try InProcessCommandTests.binary(["--repo", Self.repo, "--json", "search", "--gpu", "gb200"])
        == after)
    #expect(
      Self.run(["--repo=\(Self.repo)", "-q", "--color", "never", "stats"])
        == Self.run(["stats", "--repo=\(Self.repo)", "-q", "--color", "never"]))
  }

  @Test func publishWithRepoBeforeTheCommand() throws {
    let dir = try RegistryBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = dir + "/reg.git"
    let author = "Ada Author <ada@example.com>"
    #expect(Self.run(["init", repo, "--bare", "--author", author]).status == 0)
    let publish = Self.run([
      "--repo", repo, "publish", InProcessCommandTests.valid, "--author", author,
    ])
    #expect(publish.status == 0, "\(publish)")
    let list = Self.run(["--repo", repo, "list", "-o", "paths"])
    #expect(list.status == 0)
    #expect(list.stdout.contains("minimal"))
  }

  @Test func theOptionsMoveAfterTheWholeCommandPath() throws {
    #expect(
      try CommandLineArguments.normalized(["--repo", "X", "remote", "add", "t", "u"])
        == ["remote", "add", "--repo", "X", "t", "u"])
    // pull declares --repo inside its SyncOptions group.
    #expect(
      try CommandLineArguments.normalized(["--repo", "X", "--json", "pull", "origin"])
        == ["pull", "--repo", "X", "--json", "origin"])
    #expect(
      try CommandLineArguments.normalized(["search", "--repo", "X"]) == ["search", "--repo", "X"])
    #expect(try CommandLineArguments.normalized(["--help"]) == ["--help"])
    #expect(try CommandLineArguments.normalized(["--version"]) == ["--version"])
    #expect(try CommandLineArguments.normalized(["help", "search"]) == ["help", "search"])
    #expect(try CommandLineArguments.normalized([]) == [])
  }

  @Test func everyGlobalOptionIsDeclaredByItsGroup() throws {
    // Each listed spelling parses after a command that declares its group.
    for option in GlobalOption.all {
      for name in option.names {
        let args =
          ["search", "--repo", Self.repo]
          + (option.takesValue ? [name, name == "--color" ? "never" : Self.repo] : [name])
        #expect(throws: Never.self, "\(name)") { _ = try RegistryCommand.parseAsRoot(args) }
      }
    }
    #expect(OptionGroupMembership.declares(Search.self, RegistryOptions.self))
    #expect(!OptionGroupMembership.declares(Formats.self, RegistryOptions.self))
    #expect(OptionGroupMembership.declares(Pull.self, RegistryOptions.self))
  }

  @Test func anythingElseBeforeTheCommandIsAUsageError() throws {
    func usage(
      _ args: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
      #expect(
        Self.run(args) == Run(status: 64, stdout: "", stderr: "error: \(message)\n"),
        sourceLocation: sourceLocation)
    }
    usage(
      ["--repo", Self.repo, "formats"],
      "'formats' does not take --repo (see 'registry formats --help')")
    usage(
      ["--json", "schema", "show", "v2"],
      "'schema show' does not take --json (see 'registry schema show --help')")
    usage(
      ["--jsn", "search"], "unknown option '--jsn' before the command name; did you mean '--json'?")
    usage(
      ["--gpu", "gb200", "search"],
      "unknown option '--gpu' before the command name; options go after it: registry COMMAND --gpu")
    usage(["--json"], "--json goes with a command: registry COMMAND --json")
    usage(["--repo"], "--repo needs a value")
    #expect(
      try InProcessCommandTests.binary(["--repo", Self.repo, "formats"])
        == Self.run(["--repo", Self.repo, "formats"]))
  }
}
