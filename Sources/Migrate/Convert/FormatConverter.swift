public import Schema

/// Reads one recipe format into v2 and writes v2 back to it (hub and spoke: every format
/// converts through v2).
///
/// Importers keep everything the source says: what has no typed place in v2 goes to
/// `launcher.<tool>` or `provenance.roundtrip`. Exporters report whatever the format cannot
/// express as `LossEntry`s, never drop it silently.
public protocol FormatConverter: Sendable {
  /// The format this converter reads and writes.
  var format: RecipeFormat { get }

  /// Reads the documents of one source file (most formats have exactly one).
  func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2>

  /// Writes a recipe in this format (one document, or several for multi-document formats).
  func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]>
}
