import Foundation
import Schema
import TestSupport
import Testing

/// `spec/v1/schema.yaml` agrees with the decoder (check-jsonschema reads YAML schemas).
@Suite struct V1SpecTests {
  static let schema = PackageRoot.path("spec/v1/schema.yaml")
  /// Invalid fixtures whose defect JSON Schema can express: decoder and spec both reject them.
  static let schemaLevelInvalid = [
    "agg-and-disagg", "isl-not-integer", "prefill-nodes-string", "negative-node-count",
    "concurrencies-typo", "env-value-mapping", "sglang-config-not-mapping", "bad-backend-type",
    "req-rate-word", "missing-name", "wrong-version", "labels-not-list", "profiling-type",
    "gpus-per-node-zero", "missing-model-path",
  ]

  static func check(_ file: String) throws -> Subprocess.Result? {
    guard let tool = Subprocess.which("check-jsonschema") else {
      print("skipped: check-jsonschema not on PATH")
      return nil
    }
    return try Subprocess.run(tool, ["--schemafile", schema, file])
  }

  @Test(arguments: V1FixtureTests.valid)
  func validMatchesSpec(_ file: String) throws {
    guard let r = try Self.check(file) else { return }
    #expect(r.status == 0, "\(file): \(r.stdout)\(r.stderr)")
  }

  @Test(arguments: schemaLevelInvalid)
  func invalidRejectedByDecoderAndSpec(_ name: String) throws {
    let file = V1FixtureTests.invalidDir + "/\(name).yaml"
    let (_, diags) = RecipeV1.decode(bytes: Fixtures.bytes(file), file: file)
    #expect(diags.hasErrors, "decoder accepted \(name)")
    guard let r = try Self.check(file) else { return }
    #expect(r.status != 0, "spec accepted \(name)")
  }
}
