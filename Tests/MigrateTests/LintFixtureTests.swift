import Engines
import Lint
import Migrate
import Schema
import TestSupport
import Testing

/// Every lint check: a failing fixture asserting code, location, path and hint
/// (`Fixtures/lint/fail/<code>.yaml` + `.expected`), and passing fixtures with no findings.
@Suite struct LintFixtureTests {
  static let dir = Fixtures.directory("Tests/MigrateTests/Fixtures/lint")
  static let store = try! FlagCatalogStore(directory: PackageRoot.path("spec/engines"))

  static func lint(_ path: String, version: EngineVersion? = nil) throws -> LintResult {
    Linter(catalogs: store).lint(
      RecipeReader.read(try Fixtures.bytes(path), file: path), engineVersion: version)
  }

  @Test(arguments: try Fixtures.names(in: dir + "/fail"))
  func failing(_ name: String) throws {
    let path = Self.dir + "/fail/" + name
    let expected = try ExpectedDiagnostics.parse(
      try Fixtures.text(String(path.dropLast(5)) + ".expected"))
    let result = try Self.lint(path)
    let got = result.diagnostics.filter { $0.severity != .note }
    for e in expected {
      #expect(
        got.contains { e.matches($0) },
        "\(name): missing \(e)\ngot:\n\(got.map(\.description).joined(separator: "\n"))")
    }
    #expect(
      got.count == expected.count,
      "\(name): unexpected extra findings:\n\(got.map(\.description).joined(separator: "\n"))")
    #expect(got.allSatisfy { $0.hint != nil && $0.location != nil })
  }

  @Test(arguments: try Fixtures.names(in: dir + "/pass"))
  func passing(_ name: String) throws {
    let result = try Self.lint(Self.dir + "/pass/" + name)
    let findings = result.diagnostics.filter { $0.severity != .note }
    #expect(findings.isEmpty, "\(name):\n\(findings.map(\.description).joined(separator: "\n"))")
    #expect(result.engine != nil)
  }

  @Test func everyRuleHasAFailingFixture() throws {
    let names = Set(try Fixtures.names(in: Self.dir + "/fail").map { String($0.dropLast(5)) })
    let required = Set(Linter.defaultRules.flatMap(\.codes)).subtracting(["deprecated-flag"])
    #expect(
      required.subtracting(names).isEmpty,
      "no failing fixture for \(required.subtracting(names).sorted())")
  }

  @Test func targetVersionOverride() throws {
    // Clean against its pin (0.5.1), drifted against 0.5.23: the flag was renamed there.
    let path = Self.dir + "/pass/sglang-agg-clean.yaml"
    #expect(try Self.lint(path).findings.filter { $0.severity != .note }.isEmpty)
    let target = EngineVersion(release: [0, 5, 23])
    let drift = try Self.lint(path, version: target)
    #expect(
      drift.diagnostics.contains {
        $0.code == "renamed-flag" && $0.path.description == "args.cuda-graph-max-bs"
      })
    #expect(
      drift.diagnostics.contains {
        $0.code == "deprecated-flag" && $0.path.description == "args.enable-dp-attention"
          && $0.hint?.contains("attn-dp-size") == true
      })
    #expect(drift.diagnostics.contains { $0.code == "image-version-mismatch" })
  }

  @Test func nearestLowerCatalogIsSaid() throws {
    let path = Self.dir + "/pass/sglang-agg-clean.yaml"
    // Newer than every catalogued release: the newest one is used, and said.
    let r = try Self.lint(path, version: EngineVersion(release: [0, 5, 24]))
    #expect(r.catalog?.kind == .nearestLower)
    #expect(
      r.diagnostics.contains { $0.code == "catalog-nearest-lower" && $0.message.contains("0.5.23") })
  }
}
