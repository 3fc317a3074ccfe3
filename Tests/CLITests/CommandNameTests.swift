import ArgumentParser
import Testing

@testable import RegistryCLI

/// Every command names itself in its configuration: without `commandName`, argument-parser
/// derives the name with `String(describing: Self.self)`, a dynamic cast that scans every
/// protocol conformance of the (statically linked) binary, for each command, at every start of
/// the process (16% of a warm `search` before the names were spelled out).
@Suite struct CommandNameTests {
  static func commands(
    _ command: any ParsableCommand.Type = RegistryCommand.self, path: String = ""
  ) -> [(path: String, type: any ParsableCommand.Type)] {
    let here = path.isEmpty ? "registry" : path
    return [(here, command)]
      + command.configuration.subcommands.flatMap { sub in
        commands(sub, path: here + " " + (sub.configuration.commandName ?? "\(sub)"))
      }
  }

  @Test("every command and subcommand has an explicit commandName")
  func explicitNames() {
    let all = Self.commands()
    #expect(all.count >= 37)
    for (path, type) in all {
      #expect(type.configuration.commandName != nil, "\(path) (\(type)) has no commandName")
    }
  }

  @Test("the explicit names are the ones argument-parser derived from the type names")
  func namesUnchanged() {
    let paths = Set(Self.commands().map(\.path))
    for expected in [
      "registry search", "registry export-index", "registry cluster add", "registry cluster show",
      "registry cluster remove", "registry cluster list", "registry remote add",
      "registry remote list", "registry schema show", "registry version", "registry lint",
      "registry migrate", "registry diff", "registry clone", "registry pull", "registry push",
    ] {
      #expect(paths.contains(expected), "\(expected) missing from \(paths.sorted())")
    }
  }
}
