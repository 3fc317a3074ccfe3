import ArgumentParser
import Registry
import Schema

/// `registry version`: the registry's version, its build, and the C libraries it runs with.
struct VersionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "version",
    abstract: "Print the registry's version, its build, and the libgit2 and libyaml it runs with.",
    discussion: """
      The library versions are the ones loaded at run time (git_libgit2_version, \
      yaml_get_version_string), which may differ from those the binary was built against. \
      'registry --version' prints the first line only.

      Examples:
        registry version
        registry version --json
      """)

  @OptionGroup var global: GlobalOptions

  /// What `--json` prints.
  struct Report: Codable, Equatable {
    var version: String
    var build: RegistryVersion.Build
    var libgit2: String
    var libyaml: String
  }

  /// The versions of this process.
  static var report: Report {
    Report(
      version: RegistryVersion.number, build: RegistryVersion.build,
      libgit2: Libgit2Version.string, libyaml: LibYAMLVersion.string)
  }

  func run() throws {
    let terminal = Terminal(colorChoice: global.color)
    let report = Self.report
    if global.json {
      try JSONOutput.print(report, terminal: terminal)
      return
    }
    terminal.out(
      """
      \(RegistryVersion.line)
      libgit2 \(report.libgit2)
      libyaml \(report.libyaml)
      """)
  }
}
