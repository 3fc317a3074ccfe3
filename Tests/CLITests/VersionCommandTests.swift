import Foundation
import TestSupport
import Testing

@testable import RegistryCLI

/// `registry --version` and `registry version`.
@Suite struct VersionCommandTests {
  /// `pkg-config --modversion NAME`: the version of the library the build found.
  static func modversion(_ name: String) throws -> String {
    let pkgConfig = try #require(Subprocess.which("pkg-config"), "pkg-config builds this package")
    let r = try Subprocess.run(pkgConfig, ["--modversion", name])
    #expect(r.status == 0, "\(r.stderr)")
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func versionFlagPrintsTheVersionAndBuild() throws {
    let r = InProcessCommandTests.run(["--version"])
    #expect(r == .init(status: 0, stdout: RegistryVersion.line + "\n", stderr: ""))
    #expect(r.stdout.hasPrefix("registry \(RegistryVersion.number) (debug build, Swift 6."))
    #expect(try InProcessCommandTests.binary(["--version"]) == r)
  }

  @Test func versionCommandNamesTheLibrariesItRunsWith() throws {
    let libgit2 = try Self.modversion("libgit2")
    let libyaml = try Self.modversion("yaml-0.1")
    let text = InProcessCommandTests.run(["version"])
    #expect(
      text
        == .init(
          status: 0, stdout: "\(RegistryVersion.line)\nlibgit2 \(libgit2)\nlibyaml \(libyaml)\n",
          stderr: ""))

    let json = InProcessCommandTests.run(["version", "--json"])
    #expect(json.status == 0)
    let report = try JSONDecoder().decode(VersionCommand.Report.self, from: Data(json.stdout.utf8))
    #expect(
      report
        == .init(
          version: RegistryVersion.number, build: RegistryVersion.build, libgit2: libgit2,
          libyaml: libyaml))
    #expect(try InProcessCommandTests.binary(["version", "--json"]) == json)
  }
}
