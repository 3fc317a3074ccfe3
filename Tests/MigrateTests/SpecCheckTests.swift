import Migrate
import Schema
import TestSupport
import Testing

/// What `registry schema check` checked before it left the product (also `scripts/check-spec`):
/// both spec schemas are valid JSON Schema 2020-12 (check-jsonschema's metaschema check), and
/// every example under `spec/<version>/examples/` validates with the decoder of its version
/// (through `ValidateFrontend`, as `registry validate --schema <version>` reads it) without
/// an error.
@Suite struct SpecCheckTests {
  @Test(arguments: ["v1", "v2"])
  func everyExampleValidates(_ version: String) throws {
    let schema: ValidateFrontend.SchemaChoice = version == "v1" ? .v1 : .v2
    var missing: [String] = []
    let files = RecipeFiles.list([PackageRoot.path("spec/\(version)/examples")], missing: &missing)
    #expect(missing.isEmpty)
    #expect(files.count >= 5, "spec/\(version)/examples has \(files.count) files")
    for file in files {
      let bytes = try #require(RecipeFiles.read(file), "cannot read \(file)")
      let report = ValidateFrontend.validate(bytes: bytes, file: file, schema: schema)
      #expect(
        !report.diagnostics.hasErrors,
        "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
    }
  }

  @Test(
    .enabled(
      if: Subprocess.which("check-jsonschema") != nil,
      "check-jsonschema is not on PATH (scripts/setup installs it)"))
  func schemasPassTheMetaschemaCheck() throws {
    let tool = try #require(Subprocess.which("check-jsonschema"))
    let schemas = ["v1", "v2"].map { PackageRoot.path("spec/\($0)/schema.yaml") }
    let r = try Subprocess.run(tool, ["--check-metaschema"] + schemas)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
  }
}
