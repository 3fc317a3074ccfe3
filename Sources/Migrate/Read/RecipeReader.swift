public import Schema

/// Reads a recipe file of any known format: parse, detect, decode (v1, v2) or import through
/// the format's converter, summarise. Never throws: every problem is a located diagnostic.
public enum RecipeReader {
  /// Reads one file's bytes.
  /// - Parameters:
  ///   - file: the name used in diagnostics (and, without extension, as a fallback name).
  ///   - declared: a format the caller knows (`--from`, `--schema`); detection otherwise.
  ///   - comments: false for callers that never write the documents back (the index): the
  ///     same verdicts, diagnostics and summary, with documents that carry no comments.
  public static func read(
    _ bytes: [UInt8], file: String, declared: RecipeFormat? = nil, limits: YAMLLimits = .default,
    comments: Bool = true
  ) -> ReadRecipe {
    let stem = fileStem(file)
    var result = ReadRecipe(
      file: file, format: .unknown, formatReason: "", documents: [], v1: nil, v2: nil,
      diagnostics: [], summary: RecipeSummary(name: stem, format: RecipeFormat.unknown.rawValue))
    let documents: [YAMLDocument]
    do {
      // A key written twice is a warning for formats read with PyYAML (the last one wins), as
      // `validate` and `convert` read it; an error for v2.
      let parsed = try RecipeDocuments.parse(
        bytes, file: file, from: declared, limits: limits, comments: comments)
      documents = parsed.documents
      result.diagnostics = parsed.warnings
    } catch {
      result.diagnostics = [error.diagnostic(file: file)]
      return result
    }
    guard !documents.isEmpty else {
      result.diagnostics = [
        YAMLError(
          .emptyDocument, "the file holds no YAML document",
          at: Mark(line: 1, column: 1, offset: 0),
          hint: "a recipe is a YAML mapping; start with 'name: ...'"
        ).diagnostic(file: file)
      ]
      return result
    }
    result.documents = documents
    let (format, reason) =
      declared.map { ($0, "declared") } ?? RecipeFormat.detect(documents: documents)
    result.format = format
    result.formatReason = reason
    result.summary.format = format.rawValue
    if documents.count > 1, format != .dynamo {
      result.diagnostics.append(
        Diagnostic(
          .error, code: YAMLError.Kind.multipleDocuments.rawValue,
          "the file holds \(documents.count) YAML documents; a \(format.rawValue) recipe file holds one",
          at: SourceLocation(file: file, mark: documents[1].root.start),
          hint: "remove the '---' line or split the file into one file per document"))
      return result
    }
    switch format {
    case .sglangV1:
      let (v1, diagnostics) = RecipeV1.decode(documents[0], file: file)
      result.v1 = v1
      result.diagnostics += diagnostics
      if let v1 { result.summary = RecipeSummary(v1, fallbackName: stem) }
    case .unknown:
      result.diagnostics.append(
        Diagnostic(
          .error, code: "unknown-format", "not a recipe of any known format (\(reason))",
          at: SourceLocation(file: file, mark: documents[0].root.start),
          hint: "a v2 recipe starts with 'schema: v2'; see 'registry formats' for the others"))
    default:
      guard let converter = Converters.converter(for: format) else {
        result.diagnostics.append(
          Diagnostic(
            .error, code: "no-converter",
            "format '\(format.rawValue)' is recognised (\(reason)) but cannot be read yet",
            at: SourceLocation(file: file, mark: documents[0].root.start)))
        return result
      }
      let conversion = converter.toV2(documents, file: file)
      result.v2 = conversion.value
      result.diagnostics += conversion.diagnostics
      // The v2 decoder checks `name` itself; an imported name (or one taken from the file
      // name) is checked here, so that no format brings in an unsafe path component.
      if format != .v2, let name = conversion.value?.name, let problem = RecipeName.problem(name) {
        result.diagnostics.append(
          Diagnostic(
            .error, code: "unsafe-name",
            "imported recipe name \(RecipeName.debugQuoted(name)) is not a safe file name: \(problem)",
            at: SourceLocation(file: file, mark: documents[0].root.start), path: "name",
            hint: RecipeName.hint))
      }
      if let v2 = conversion.value { result.summary = RecipeSummary(v2, format: format) }
    }
    return result
  }

  /// The file name without folders and extension.
  static func fileStem(_ path: String) -> String {
    var path = path
    // On the bytes (`/` and `.` are ASCII, never inside a multi-byte character).
    let range = path.withUTF8 { u -> Range<Int>? in
      var end = u.count
      while end > 0, u[end - 1] == UInt8(ascii: "/") { end -= 1 }
      guard end > 0 else { return nil }
      var start = end
      while start > 0, u[start - 1] != UInt8(ascii: "/") { start -= 1 }
      var dot = end - 1
      while dot > start, u[dot] != UInt8(ascii: ".") { dot -= 1 }
      return start..<(dot > start ? dot : end)
    }
    guard let range else { return path }
    let u = path.utf8
    return String(
      path[
        u.index(
          u.startIndex, offsetBy: range.lowerBound)..<u.index(
            u.startIndex, offsetBy: range.upperBound)])
  }
}
