public import Schema

/// Seed 001 / deplodock ("emmy") named-field recipes ↔ v2.
///
/// Mapping (import):
/// - `model.huggingface` (older `model.name`) → `model.path`; `model.task` → `model.task`.
/// - `engine.llm.{tensor,pipeline,data}_parallel_size`, `gpu_memory_utilization`,
///   `context_length`, `max_concurrent_requests` → `serving`.
/// - the active engine block (`sglang` wins when both exist, as seed 001 says; `vllm`
///   otherwise, and vLLM when neither is there): `image` → `engine.image` (version from the
///   tag), `extra_args` → `args` after seed 001's ban, `extra_env` → `env`.
/// - `benchmark.{random_input_len, random_output_len, max_concurrency}` → `isl`, `osl`,
///   `concurrencies`; the rest → `benchmark.args`; tool `deplodock`.
/// - `variants` (older shape) → v2 variants, translated key by key; an `extra_args` string in
///   a variant replaces the base one (base flags are set to `null`).
/// - `matrices`, `deploy`, `command`, `aggregate`, `engine.llm.docker_options` and any other
///   top-level key → `launcher.deplodock` verbatim; GPU type from `deploy.gpu` or the matrix
///   entries when they all name one GPU. Nested keys with no place → `launcher.deplodock.unmapped`
///   (a partial mirror of the source), the inactive engine block included.
/// - the older `backend.{vllm|sglang}` layout (named fields inside the engine block) is read
///   too and written back (`provenance.roundtrip.layout: backend`).
public struct NamedFieldConverter: FormatConverter {
  /// The named-field converter.
  public init() {}

  /// `.namedField`.
  public var format: RecipeFormat { .namedField }

  /// Reads one named-field recipe.
  ///
  /// Errors: `named-field-in-args` (seed 001's ban, one diagnostic naming every offender, at
  /// the `extra_args` scalar), `missing-key` (no `model`), `type-mismatch`,
  /// `invalid-extra-args` (unbalanced quotes).
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    guard let doc = documents.first, documents.count == 1 else {
      return .notOneDocument(file: file, kind: "a named-field recipe file")
    }
    let importer = NamedFieldImporter(file: file)
    let recipe = importer.run(doc.root)
    return Conversion(
      value: importer.diagnostics.hasErrors ? nil : recipe, diagnostics: importer.diagnostics,
      comments: importer.comments)
  }

  /// Writes a v2 recipe as a named-field recipe; what the format cannot hold is a loss.
  public func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    var exporter = NamedFieldExporter(recipe: recipe)
    let root = exporter.run()
    return Conversion(value: root.map { [YAMLDocument(root: $0)] }, losses: exporter.losses)
  }
}
