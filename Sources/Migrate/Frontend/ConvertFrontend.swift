public import Schema

/// Converts files between formats through v2 (what `registry convert` and `registry migrate`
/// call): detect or take the source format, import to v2 with comments, export to the target
/// with comments, emit.
public enum ConvertFrontend {
  /// Reads one file's bytes and converts it.
  ///
  /// - Parameters:
  ///   - from: the source format; detected from the document when nil.
  ///   - to: the target format.
  /// - Returns: the outcome; parse and decode problems are located diagnostics, and what the
  ///   target cannot express is in `losses` (the caller decides whether that is allowed).
  public static func convert(
    bytes: [UInt8], file: String, from: RecipeFormat? = nil, to: RecipeFormat
  ) -> ConvertOutcome {
    let parsed: (documents: [YAMLDocument], warnings: [Diagnostic])
    do {
      parsed = try RecipeDocuments.parse(bytes, file: file, from: from)
    } catch {
      return ConvertOutcome(
        file: file, source: from ?? .unknown, target: to,
        diagnostics: [error.diagnostic(file: file)])
    }
    var out = convert(documents: parsed.documents, file: file, from: from, to: to)
    out.diagnostics.insert(contentsOf: parsed.warnings, at: 0)
    return out
  }

  /// Converts parsed documents.
  public static func convert(
    documents: [YAMLDocument], file: String, from: RecipeFormat? = nil, to: RecipeFormat
  ) -> ConvertOutcome {
    let (source, reason) =
      from.map { ($0, "declared") } ?? RecipeFormat.detect(documents: documents)
    var out = ConvertOutcome(file: file, source: source, target: to)
    let imported = importV2(documents: documents, file: file, format: source)
    out.diagnostics = imported.diagnostics
    if source == .unknown {
      out.diagnostics.append(
        Diagnostic(
          .error, code: "unknown-format", "cannot tell the recipe format (\(reason))",
          at: SourceLocation(file: file, line: 1, column: 1),
          hint: "pass --from with one of: \(knownFormats)"))
    }
    guard let recipe = imported.recipe, let v2doc = imported.document else { return out }
    out.recipe = recipe
    out.v2Document = v2doc
    let exported = export(recipe, v2Document: v2doc, to: to)
    out.diagnostics += exported.diagnostics
    out.losses = exported.losses
    out.documents = exported.documents
    out.text = exported.documents.isEmpty ? "" : YAMLEmitter.emitStream(exported.documents)
    if !out.documents.isEmpty {
      for mark in documents.flatMap(\.mergeKeys) {
        out.diagnostics.append(
          Diagnostic(
            .warning, code: "merge-expanded",
            "the merge key '<<' is written out: the output spells the merged entries",
            at: SourceLocation(file: file, mark: mark),
            hint:
              "the meaning is the same (PyYAML merges the same way); put the '<<' and its anchor back by hand to share them again"
          ))
      }
    }
    return out
  }

  static var knownFormats: String {
    Converters.all.map(\.format.rawValue).joined(separator: ", ")
  }

  /// The result of reading a source into v2.
  public struct Imported: Sendable {
    /// The recipe as v2, when the source could be read.
    public var recipe: RecipeV2?
    /// The v2 document with the source's comments on their keys.
    public var document: YAMLDocument?
    /// The diagnostics of reading the source.
    public var diagnostics: [Diagnostic]
  }

  /// Reads documents of `format` into a v2 recipe and its commented v2 document.
  public static func importV2(documents: [YAMLDocument], file: String, format: RecipeFormat)
    -> Imported
  {
    guard let converter = Converters.converter(for: format) else {
      let d =
        format == .unknown
        ? []
        : [
          Diagnostic(
            .error, code: "no-converter", "no converter reads '\(format.rawValue)' yet",
            at: SourceLocation(file: file, line: 1, column: 1),
            hint: "formats with a converter: \(knownFormats)")
        ]
      return Imported(recipe: nil, document: nil, diagnostics: d)
    }
    let c = converter.toV2(documents, file: file)
    guard let recipe = c.value, !c.diagnostics.hasErrors else {
      return Imported(recipe: nil, document: nil, diagnostics: c.diagnostics)
    }
    if format == .v2, let doc = documents.first {
      return Imported(recipe: recipe, document: doc, diagnostics: c.diagnostics)
    }
    let root = CommentTransplant.apply(c.comments, to: c.encoded ?? recipe.encode())
    return Imported(recipe: recipe, document: YAMLDocument(root: root), diagnostics: c.diagnostics)
  }

  /// Writes a v2 recipe in `format`, moving the comments of `v2Document` along when the
  /// exporter can.
  public static func export(_ recipe: RecipeV2, v2Document: YAMLDocument?, to format: RecipeFormat)
    -> (documents: [YAMLDocument], diagnostics: [Diagnostic], losses: [LossEntry])
  {
    if format == .v2 {
      return ([v2Document ?? YAMLDocument(root: recipe.encode())], [], [])
    }
    guard let converter = Converters.converter(for: format) else {
      return (
        [],
        [
          Diagnostic(
            .error, code: "no-converter", "no converter writes '\(format.rawValue)' yet",
            hint: "formats with a converter: \(knownFormats)")
        ], []
      )
    }
    let c: Conversion<[YAMLDocument]>
    if let aware = converter as? any CommentAwareExporter {
      c = aware.fromV2(recipe, source: v2Document)
    } else {
      c = converter.fromV2(recipe)
    }
    var docs = c.value ?? []
    if !docs.isEmpty { docs[0].root = CommentTransplant.apply(c.comments, to: docs[0].root) }
    return (docs, c.diagnostics, c.losses)
  }
}
