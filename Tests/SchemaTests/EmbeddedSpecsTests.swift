import Schema
import TestSupport
import Testing

/// The schemas compiled into the binary equal the spec files (run scripts/embed-resources).
@Suite struct EmbeddedSpecsTests {
  @Test(arguments: ["v1/schema.yaml", "v2/schema.yaml"])
  func embeddedCopyEqualsFile(_ path: String) throws {
    let file = try Fixtures.text(PackageRoot.path("spec/" + path))
    #expect(EmbeddedSpecs.files[path] == file, "\(path) drifted; run scripts/embed-resources")
  }

  @Test func onlyTheSchemasAreEmbedded() {
    #expect(Set(EmbeddedSpecs.files.keys) == ["v1/schema.yaml", "v2/schema.yaml"])
  }
}
