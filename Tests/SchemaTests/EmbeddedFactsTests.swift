import TestSupport
import Testing

@testable import Schema

/// The fact tables compiled into the binary equal the spec files (run scripts/embed-resources).
@Suite struct EmbeddedFactsTests {
  @Test func embeddedCopyEqualsFile() throws {
    let file = try Fixtures.text(PackageRoot.path("spec/facts/gpus-per-node.tsv"))
    #expect(Set(EmbeddedFacts.files.keys) == ["gpus-per-node.tsv"])
    #expect(
      EmbeddedFacts.files["gpus-per-node.tsv"] == file,
      "gpus-per-node.tsv drifted; run scripts/embed-resources")
  }
}
