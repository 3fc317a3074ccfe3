import Foundation
import Migrate
import Schema
import TestSupport
import Testing

/// v1 → v2 → v1 over every v1 fixture, spec example and corpus file.
@Suite struct SGLangV1RoundTripTests {
  /// (path, key comments, value comments) of every key that has comments.
  static func commentSet(_ doc: YAMLDocument) -> Set<String> {
    var out = Set(
      CommentTransplant.collect(doc.root).map {
        "\($0.path) key=\($0.keyComments.before)|\($0.keyComments.trailing ?? "") value=\($0.valueComments.before)|\($0.valueComments.trailing ?? "")"
      })
    for t in doc.trailingComments { out.insert("trailing \(t)") }
    return out
  }

  @Test(.requiresCorpus)
  func corpusPresent() {
    #expect(V1Recipes.corpus.count >= 70)
  }

  @Test(arguments: try V1Recipes.all)
  func roundTripIsExact(_ file: String) throws {
    let bytes = try Fixtures.bytes(file)
    let original = try YAML.parse(bytes)
    let toV2 = ConvertFrontend.convert(bytes: bytes, file: file, from: .sglangV1, to: .v2)
    #expect(
      !toV2.diagnostics.hasErrors, "\(toV2.diagnostics.map(\.description).joined(separator: "\n"))")
    let v2text = toV2.text
    // The v2 output decodes as v2 without errors.
    let v2doc = try YAML.parse(v2text)
    let (decoded, v2diags) = RecipeV2.decode(v2doc, file: file + ".v2.yaml")
    #expect(
      decoded != nil && !v2diags.hasErrors,
      "\(v2diags.map(\.description).joined(separator: "\n"))\n\(v2text)")
    let back = ConvertFrontend.convert(
      bytes: Array(v2text.utf8), file: file + ".v2.yaml", from: .v2, to: .sglangV1)
    #expect(back.losses.isEmpty, "\(back.losses)")
    #expect(!back.diagnostics.hasErrors, "\(back.diagnostics)")
    let final = try YAML.parse(back.text)
    #expect(
      final.root == original.root,
      "v1 → v2 → v1 changed \(file)\n--- v2\n\(v2text)\n--- v1\n\(back.text)")
    #expect(final.root.keys == original.root.keys)
    let a = Self.commentSet(original)
    let b = Self.commentSet(final)
    #expect(a == b, "comments differ: lost \(a.subtracting(b)) gained \(b.subtracting(a))")
  }
}
