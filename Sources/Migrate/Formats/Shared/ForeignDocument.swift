import Schema

/// The one document of a flat foreign file (spark, sparkrun, vllm-args, engine-config) as a
/// mapping, read with a context that warns of unknown keys.
struct ForeignDocument {
  let context: DecodeContext
  let root: YAMLNode
  let reader: MappingReader

  /// The document of `documents`; nil, with the failed conversion in `failure`, when there is
  /// not exactly one (`kind` names the format's file, e.g. "a vllm-args recipe file") or it is
  /// not a mapping.
  init?(
    _ documents: [YAMLDocument], file: String, kind: String,
    failure: inout Conversion<RecipeV2>
  ) {
    let ctx = DecodeContext(file: file, unknownKeySeverity: .warning)
    guard documents.count == 1, let root = documents.first?.root else {
      failure = .notOneDocument(file: file, kind: kind)
      return nil
    }
    guard let reader = MappingReader(root, path: .root, context: ctx) else {
      failure = Conversion(value: nil, diagnostics: ctx.diagnostics)
      return nil
    }
    self.context = ctx
    self.root = root
    self.reader = reader
  }
}
