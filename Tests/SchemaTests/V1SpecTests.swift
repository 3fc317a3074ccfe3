import Foundation
import Schema
import TestSupport
import Testing

/// `spec/v1/schema.yaml` agrees with the decoder (check-jsonschema reads YAML schemas).
@Suite(.requiresTool("check-jsonschema", install: "pip install check-jsonschema"))
struct V1SpecTests {
  static let schema = PackageRoot.path("spec/v1/schema.yaml")
  /// Invalid fixtures whose defect JSON Schema can express: decoder and spec both reject them.
  static let schemaLevelInvalid = [
    "agg-and-disagg", "isl-not-integer", "prefill-nodes-string", "negative-node-count",
    "concurrencies-typo", "env-value-mapping", "sglang-config-not-mapping", "bad-backend-type",
    "req-rate-word", "missing-name", "wrong-version", "labels-not-list", "profiling-type",
    "gpus-per-node-zero", "missing-model-path",
  ]

  /// check-jsonschema on `file` (the suite requires the tool, so a missing one fails here).
  static func check(_ file: String) throws -> Subprocess.Result {
    guard let tool = Subprocess.which("check-jsonschema") else {
      throw ToolMissing()
    }
    return try Subprocess.run(tool, ["--schemafile", schema, file])
  }

  struct ToolMissing: Error, CustomStringConvertible {
    var description: String { "check-jsonschema is not on PATH" }
  }

  @Test(arguments: try V1FixtureTests.valid)
  func validMatchesSpec(_ file: String) throws {
    let r = try Self.check(file)
    #expect(r.status == 0, "\(file): \(r.stdout)\(r.stderr)")
  }

  @Test(arguments: schemaLevelInvalid)
  func invalidRejectedByDecoderAndSpec(_ name: String) throws {
    let file = V1FixtureTests.invalidDir + "/\(name).yaml"
    let (_, diags) = RecipeV1.decode(bytes: try Fixtures.bytes(file), file: file)
    #expect(diags.hasErrors, "decoder accepted \(name)")
    let r = try Self.check(file)
    #expect(r.status != 0, "spec accepted \(name)")
  }
}
