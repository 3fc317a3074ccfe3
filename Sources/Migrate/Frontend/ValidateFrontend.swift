public import Schema

/// Validates recipe files (what `registry validate` calls).
public enum ValidateFrontend {
  /// Which schema to validate against.
  public enum SchemaChoice: String, Sendable, CaseIterable {
    case v1, v2, auto
  }

  /// The findings of one file.
  public struct FileReport: Sendable, Codable {
    /// The file validated.
    public var file: String
    /// The detected (or chosen) format id.
    public var format: String
    /// The findings, errors first.
    public var diagnostics: [Diagnostic]

    /// The report of `file` read as `format`, with its findings.
    public init(file: String, format: String, diagnostics: [Diagnostic]) {
      self.file = file
      self.format = format
      self.diagnostics = diagnostics
    }
  }

  /// Decodes one file and reports every problem.
  ///
  /// With `auto`, the format is detected: v2 and v1 are decoded; a foreign format with a
  /// converter is imported to v2 and the result validated as v2 (a `foreign-format` note names
  /// it); a foreign format without one is a `foreign-format` warning; an unknown shape is an
  /// `unknown-format` error.
  public static func validate(bytes: [UInt8], file: String, schema: SchemaChoice = .auto)
    -> FileReport
  {
    let documents: [YAMLDocument]
    let repeats: [Diagnostic]
    do {
      let declared: RecipeFormat? = schema == .v1 ? .sglangV1 : schema == .v2 ? .v2 : nil
      (documents, repeats) = try RecipeDocuments.parse(bytes, file: file, from: declared)
    } catch {
      return FileReport(file: file, format: "unknown", diagnostics: [error.diagnostic(file: file)])
    }
    var report = validate(documents: documents, file: file, schema: schema)
    report.diagnostics.insert(contentsOf: repeats, at: 0)
    return report
  }

  /// Decodes parsed documents and reports every problem (`validate(bytes:)` after parsing).
  static func validate(documents: [YAMLDocument], file: String, schema: SchemaChoice) -> FileReport
  {
    let start = SourceLocation(file: file, line: 1, column: 1)
    switch schema {
    case .v1:
      guard let doc = documents.first else {
        return FileReport(file: file, format: "sglang-v1", diagnostics: [])
      }
      return FileReport(
        file: file, format: "sglang-v1", diagnostics: RecipeV1.decode(doc, file: file).1)
    case .v2:
      guard let doc = documents.first else {
        return FileReport(file: file, format: "v2", diagnostics: [])
      }
      return FileReport(file: file, format: "v2", diagnostics: RecipeV2.decode(doc, file: file).1)
    case .auto:
      let (format, reason) = RecipeFormat.detect(documents: documents)
      switch format {
      case .v2:
        return FileReport(
          file: file, format: "v2", diagnostics: RecipeV2.decode(documents[0], file: file).1)
      case .sglangV1:
        return FileReport(
          file: file, format: format.rawValue,
          diagnostics: RecipeV1.decode(documents[0], file: file).1)
      case .unknown:
        return FileReport(
          file: file, format: "unknown",
          diagnostics: [
            Diagnostic(
              .error, code: "unknown-format", "not a recipe of any known format (\(reason))",
              at: start,
              hint:
                "known formats: \(RecipeFormat.allCases.filter { $0 != .unknown }.map(\.rawValue).joined(separator: ", ")) (see 'registry formats')"
            )
          ])
      default:
        let note = Diagnostic(
          .note, code: "foreign-format", "detected format '\(format.rawValue)' (\(reason))",
          at: start)
        guard Converters.converter(for: format) != nil else {
          return FileReport(
            file: file, format: format.rawValue,
            diagnostics: [
              Diagnostic(
                .warning, code: "foreign-format",
                "detected format '\(format.rawValue)' (\(reason)); no converter reads it yet, so it is not validated",
                at: start,
                hint: "convert it by hand to v2, or wait for its converter")
            ])
        }
        let imported = ConvertFrontend.importV2(documents: documents, file: file, format: format)
        var diags = [note] + imported.diagnostics
        if let doc = imported.document {
          diags += RecipeV2.decode(doc, file: file + " (as v2)").1
        }
        return FileReport(file: file, format: format.rawValue, diagnostics: diags)
      }
    }
  }
}
