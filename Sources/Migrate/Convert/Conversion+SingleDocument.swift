import Schema

extension Conversion {
  /// The failed conversion of a file that does not hold exactly one YAML document, for
  /// formats whose files hold one (`kind` names the format's file, e.g. "a v1 recipe file").
  static func notOneDocument(file: String, kind: String) -> Conversion {
    Conversion(
      value: nil,
      diagnostics: [
        Diagnostic(
          .error, code: "multiple-documents", "\(kind) holds exactly one document",
          at: SourceLocation(file: file, line: 1, column: 1))
      ])
  }
}
