public import Schema

/// Parses a recipe file's documents the way its format's own tool reads them: a key written
/// twice in one mapping is an error for v2 (and for dynamo manifests, which Kubernetes tools
/// read with Go YAML, where a repeat is an error), and a warning naming both places for the
/// formats whose tools read with PyYAML (srtctl, spark-vllm-docker, sparkrun, deplodock,
/// `vllm serve --config`), where the last one wins.
public enum RecipeDocuments {
  /// Whether a format's own tool reads with PyYAML (a repeated key: the last one wins).
  public static func readsWithPyYAML(_ format: RecipeFormat) -> Bool {
    switch format {
    case .sglangV1, .vllmArgs, .engineConfig, .spark, .sparkrun, .namedField, .vllmRecipes:
      return true
    case .v2, .dynamo, .unknown: return false
    }
  }

  /// The documents of a file, and a `repeated-key` warning per key written twice where the
  /// format (`from`, or detected) allows it.
  /// - Parameter comments: false for readers that never write the documents back (the index).
  /// - Throws: the parse error (a `duplicate-key` error where repeats are not allowed).
  public static func parse(
    _ bytes: [UInt8], file: String, from: RecipeFormat? = nil, limits: YAMLLimits = .default,
    comments: Bool = true
  ) throws(YAMLError) -> (documents: [YAMLDocument], warnings: [Diagnostic]) {
    do {
      return (try YAML.parseStream(bytes, limits: limits, comments: comments), [])
    } catch {
      guard error.kind == .duplicateKey,
        let documents = try? YAML.parseStream(
          bytes, limits: limits, comments: comments, repeatedKeys: true),
        readsWithPyYAML(from ?? RecipeFormat.detect(documents: documents).format)
      else { throw error }
      let warnings = documents.flatMap(\.repeatedKeys).map { r in
        Diagnostic(
          .warning, code: "repeated-key",
          "key '\(r.key)' is written twice in one mapping (first at \(SourceLocation(file: file, mark: r.first))); the last one wins, as PyYAML reads it",
          at: SourceLocation(file: file, mark: r.mark),
          hint: "remove one of the two '\(r.key)' entries",
          related: SourceLocation(file: file, mark: r.first))
      }
      return (documents, warnings)
    }
  }
}
