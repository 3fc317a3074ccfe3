import Foundation
import Schema
import TestSupport
import Testing

/// Valid fixtures and spec examples decode cleanly; each invalid fixture gives exactly the
/// diagnostics written in its `.expected` sidecar, one per line:
/// `<severity> <code> <line>:<col> <key.path|-> [hint~<substring>]`.
@Suite struct V1FixtureTests {
  static let validDir = PackageRoot.path("Tests/SchemaTests/Fixtures/v1/valid")
  static let invalidDir = PackageRoot.path("Tests/SchemaTests/Fixtures/v1/invalid")
  static let examplesDir = PackageRoot.path("spec/v1/examples")

  static var valid: [String] {
    get throws {
      try Fixtures.names(in: validDir).map { validDir + "/" + $0 }
        + Fixtures.names(in: examplesDir).map { examplesDir + "/" + $0 }
    }
  }
  static var invalid: [String] { get throws { try Fixtures.names(in: invalidDir) } }

  @Test func enoughFixtures() throws {
    #expect(try Self.invalid.count >= 25)
    #expect(try Self.valid.count >= 9)
  }

  @Test(arguments: try valid)
  func validDecodesWithoutFindings(_ path: String) throws {
    let bytes = try Fixtures.bytes(path)
    let (recipe, diags) = RecipeV1.decode(bytes: bytes, file: path)
    #expect(diags.isEmpty, "\(diags.map(\.description).joined(separator: "\n"))")
    let r = try #require(recipe)
    #expect(r.encode() == (try YAML.parse(bytes)).root)
  }

  struct Expectation: Equatable, CustomStringConvertible {
    var severity: String, code: String, line: Int, column: Int, path: String, hint: String?
    var description: String {
      "\(severity) \(code) \(line):\(column) \(path)" + (hint.map { " hint~\($0)" } ?? "")
    }

    init(severity: String, code: String, line: Int, column: Int, path: String, hint: String?) {
      (self.severity, self.code, self.line, self.column, self.path, self.hint) = (
        severity, code, line, column, path, hint
      )
    }

    init?(_ line: Substring) {
      let parts = line.split(separator: " ", maxSplits: 4).map(String.init)
      guard parts.count >= 4 else { return nil }
      let lc = parts[2].split(separator: ":").compactMap { Int($0) }
      guard lc.count == 2 else { return nil }
      var hint: String?
      if parts.count == 5, parts[4].hasPrefix("hint~") { hint = String(parts[4].dropFirst(5)) }
      self.init(
        severity: parts[0], code: parts[1], line: lc[0], column: lc[1], path: parts[3], hint: hint)
    }

    func matches(_ d: Diagnostic) -> Bool {
      d.severity.rawValue == severity && d.code == code && d.location?.line == line
        && d.location?.column == column && (d.path.isEmpty ? "-" : d.path.description) == path
        && (hint.map { d.hint?.contains($0) ?? false } ?? true)
    }
  }

  static func expectations(_ name: String) throws -> [Expectation] {
    let side = invalidDir + "/" + name.replacingOccurrences(of: ".yaml", with: ".expected")
    return try Fixtures.text(side).split(separator: "\n").compactMap(Expectation.init)
  }

  @Test(arguments: try invalid)
  func invalidGivesExactlyItsDiagnostics(_ name: String) throws {
    let (_, diags) = RecipeV1.decode(
      bytes: try Fixtures.bytes(Self.invalidDir + "/" + name), file: name)
    let expected = try Self.expectations(name)
    let actual = diags.map {
      Expectation(
        severity: $0.severity.rawValue, code: $0.code, line: $0.location?.line ?? 0,
        column: $0.location?.column ?? 0, path: $0.path.isEmpty ? "-" : $0.path.description,
        hint: $0.hint)
    }
    #expect(
      !expected.isEmpty,
      "no sidecar for \(name); actual:\n\(actual.map(\.description).joined(separator: "\n"))")
    #expect(
      diags.count == expected.count, "\(name): \(actual.map(\.description).joined(separator: "\n"))"
    )
    for e in expected {
      #expect(
        diags.contains(where: e.matches),
        "\(name): missing \(e); actual:\n\(actual.map(\.description).joined(separator: "\n"))")
    }
  }
}
