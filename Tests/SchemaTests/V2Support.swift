import Foundation
import Schema
import TestSupport

/// Paths and loaders for the v2 fixtures and examples.
enum V2Files {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = packageRoot.appendingPathComponent("Tests/SchemaTests/Fixtures/v2")
  static let examples = packageRoot.appendingPathComponent("spec/v2/examples")
  static let schema = packageRoot.appendingPathComponent("spec/v2/schema.yaml")

  /// The YAML files of `dir`, sorted.
  /// - Throws: `Fixtures.Missing` when the folder is not there or holds none.
  static func yamlFiles(in dir: URL) throws -> [URL] {
    try Fixtures.names(in: dir.path).map { dir.appendingPathComponent($0) }
  }

  static var valid: [URL] {
    get throws {
      try yamlFiles(in: fixtures.appendingPathComponent("valid")) + yamlFiles(in: examples)
    }
  }
  static var invalid: [URL] {
    get throws { try yamlFiles(in: fixtures.appendingPathComponent("invalid")) }
  }

  static func decode(_ url: URL) throws -> (RecipeV2?, [Diagnostic]) {
    let doc = try YAML.parse(Array(try Data(contentsOf: url)))
    return RecipeV2.decode(doc, file: url.lastPathComponent)
  }

  static func decode(_ text: String) throws -> (RecipeV2?, [Diagnostic]) {
    RecipeV2.decode(try YAML.parse(text), file: "inline.yaml")
  }
}
