import Engines
import Migrate
import Schema
import Testing

/// Round-trip checks shared by the format converter tests.
enum ConverterCheck {
  /// v2 → encode → decode gives no errors and the same recipe meaning.
  static func reencodes(
    _ recipe: RecipeV2, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> RecipeV2? {
    let (decoded, diags) = RecipeV2.decode(YAMLDocument(root: recipe.encode()), file: label)
    #expect(
      !diags.hasErrors, "\(label): v2 decode: \(diags.map(\.description))",
      sourceLocation: sourceLocation)
    if let decoded {
      #expect(
        EngineInvocation.buildAll(decoded) == EngineInvocation.buildAll(recipe), "\(label)",
        sourceLocation: sourceLocation)
    }
    return decoded
  }

  /// v2 → format → v2 means the same (`--verify`): equal invocations, model, engine and
  /// topology. Returns the losses of the export.
  @discardableResult
  static func verifies(
    _ recipe: RecipeV2, through converter: any FormatConverter, _ label: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> [LossEntry] {
    let out = converter.fromV2(recipe)
    guard let docs = out.value else {
      #expect(
        !out.losses.isEmpty, "\(label): export failed without a loss report",
        sourceLocation: sourceLocation)
      return out.losses
    }
    // Through text, as a file would go.
    let text = YAMLEmitter.emitStream(docs)
    guard let reparsed = try? YAML.parseStream(Array(text.utf8)) else {
      Issue.record(
        "\(label): exported YAML does not parse:\n\(text)", sourceLocation: sourceLocation)
      return out.losses
    }
    let back = converter.toV2(reparsed, file: label + " (exported)")
    #expect(
      !back.diagnostics.hasErrors,
      "\(label): re-import: \(back.diagnostics.map(\.description))\n\(text)",
      sourceLocation: sourceLocation)
    guard let again = back.value else { return out.losses }
    if out.losses.isEmpty {
      #expect(
        ForeignRoundTrip.verify(recipe, again) == [], "\(label)\n\(text)",
        sourceLocation: sourceLocation)
      #expect(again.variantNames == recipe.variantNames, "\(label)", sourceLocation: sourceLocation)
    }
    return out.losses
  }
}
