public import Schema

/// A read recipe written in another format (``ReadRecipe/converted(to:)``).
public struct ConvertedRecipe: Sendable {
  /// The target format's text.
  public var text: String
  public var format: RecipeFormat
  /// The import's diagnostics the read file does not already hold, the export's, and one
  /// warning per loss (what the target cannot hold).
  public var diagnostics: [Diagnostic]
  /// How many values the target format could not express.
  public var losses: Int
}

extension ReadRecipe {
  /// The recipe in another format, through v2 (``importedV2()``, then the target's converter):
  /// what `registry show --as` prints.
  ///
  /// - Throws: ``RecipeConversionError/unreadable(file:format:)`` when the file gives no v2
  ///   recipe, ``RecipeConversionError/noWriter(format:)`` when no converter writes `target`,
  ///   ``RecipeConversionError/unwritable(format:)`` when the converter gives no documents.
  ///
  /// A loss is a warning when `allowLoss`, else an error (as `registry convert` reports it).
  public func converted(
    to target: RecipeFormat, allowLoss: Bool = true
  ) throws(RecipeConversionError) -> ConvertedRecipe {
    let (v2, imported) = importedV2()
    guard let v2 else { throw .unreadable(file: file, format: format) }
    guard let writer = Converters.converter(for: target) else { throw .noWriter(format: target) }
    let c = writer.fromV2(v2)
    var diagnostics = imported + c.diagnostics
    diagnostics += c.losses.map {
      $0.diagnostic(file: file, severity: allowLoss ? .warning : .error)
    }
    guard let documents = c.value else { throw .unwritable(format: target) }
    return ConvertedRecipe(
      text: YAMLEmitter.emitStream(documents), format: target, diagnostics: diagnostics,
      losses: c.losses.count)
  }
}
