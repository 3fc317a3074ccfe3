import Migrate
import Schema
import Testing

/// Every single-document format refuses a file of two documents with one located error,
/// whichever converter is called (the reader normally stops such files earlier).
@Suite struct SingleDocumentTests {
  @Test(arguments: Converters.all.filter { $0.format != .dynamo }.map(\.format))
  func twoDocumentsAreRefused(_ format: RecipeFormat) throws {
    let converter = try #require(Converters.converter(for: format))
    let documents = try YAML.parseStream(Array("model: a\n---\nmodel: b\n".utf8))
    #expect(documents.count == 2)
    let conversion = converter.toV2(documents, file: "two.yaml")
    #expect(conversion.value == nil)
    let errors = conversion.diagnostics.filter { $0.severity == .error }
    #expect(errors.map(\.code) == ["multiple-documents"])
    #expect(errors.first?.location?.file == "two.yaml")
    #expect(errors.first?.message.hasSuffix("holds exactly one document") == true)
  }
}
