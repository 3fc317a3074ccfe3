public import Schema

/// `vllm-recipes`: a vllm-project/recipes model file (`models/<org>/<Model>.yaml`) with the
/// `strategies/` folder of its checkout.
///
/// A model file describes many recipes; ``VLLMRecipesExpander`` makes all of them (what
/// `registry import vllm-recipes` publishes). Read through this converter (`convert`,
/// `validate`), a file gives its first selection: the first variant on the first compatible
/// strategy with no hardware override, with a note saying how many there are. The exporter
/// (``VLLMRecipesExporter``) writes one recipe back as a model file.
public struct VLLMRecipesConverter: FormatConverter {
  /// The strategies folder; nil: found beside the model file (``VLLMRecipesStrategy``).
  public var strategiesDirectory: String?

  /// The converter; `strategies` overrides where the strategy files are.
  public init(strategies: String? = nil) { self.strategiesDirectory = strategies }

  /// `.vllmRecipes`.
  public var format: RecipeFormat { .vllmRecipes }

  /// Reads the model file, its strategies and the checkout's hardware taxonomy.
  /// - Returns: the model, the strategies by name and the taxonomy (empty when the checkout has
  ///   none), or diagnostics saying why not.
  public func load(_ documents: [YAMLDocument], file: String) -> (
    model: VLLMRecipesModelFile?, strategies: [String: VLLMRecipesStrategy],
    taxonomy: VLLMRecipesTaxonomy, diagnostics: [Diagnostic]
  ) {
    var diagnostics: [Diagnostic] = []
    guard documents.count == 1, let root = documents.first?.root else {
      let c: Conversion<RecipeV2> = .notOneDocument(file: file, kind: "a vllm-recipes model file")
      return (nil, [:], VLLMRecipesTaxonomy(), c.diagnostics)
    }
    let model = VLLMRecipesModelFile.read(root, file: file, diagnostics: &diagnostics)
    guard let dir = strategiesDirectory ?? VLLMRecipesStrategy.directory(besides: file) else {
      diagnostics.append(
        Diagnostic(
          .error, code: "no-strategies", "no strategies folder beside the model file",
          at: SourceLocation(file: file, line: 1, column: 1),
          hint: "pass --strategies DIR (the recipes repository's strategies/ folder)"))
      return (model, [:], VLLMRecipesTaxonomy(), diagnostics)
    }
    do {
      return (
        model, try VLLMRecipesStrategy.load(directory: dir),
        VLLMRecipesTaxonomy.load(besidesStrategies: dir), diagnostics
      )
    } catch {
      diagnostics.append(
        Diagnostic(
          .error, code: "bad-strategies", "cannot read the strategies in \(dir): \(error)",
          at: SourceLocation(file: file, line: 1, column: 1)))
      return (model, [:], VLLMRecipesTaxonomy(), diagnostics)
    }
  }

  /// Every recipe of a model file that `filter` selects.
  public func expand(
    _ documents: [YAMLDocument], file: String, filter: VLLMRecipesFilter = VLLMRecipesFilter()
  ) -> [Conversion<RecipeV2>] {
    let (model, strategies, taxonomy, diagnostics) = load(documents, file: file)
    guard let model, !diagnostics.hasErrors else {
      return [Conversion(value: nil, diagnostics: diagnostics)]
    }
    var out = VLLMRecipesExpander.expand(
      model, strategies: strategies, file: file, filter: filter, taxonomy: taxonomy)
    if !diagnostics.isEmpty, !out.isEmpty {
      out[0].diagnostics.insert(contentsOf: diagnostics, at: 0)
    }
    return out
  }

  /// The first recipe of the model file, with a note naming how many it expands into.
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    let (model, strategies, _, diagnostics) = load(documents, file: file)
    guard let model, !diagnostics.hasErrors else {
      return Conversion(value: nil, diagnostics: diagnostics)
    }
    let all = VLLMRecipesExpander.selections(model, filter: VLLMRecipesFilter())
    guard let first = all.first else {
      var c = VLLMRecipesExpander.expand(model, strategies: strategies, file: file)[0]
      c.diagnostics.insert(contentsOf: diagnostics, at: 0)
      return c
    }
    var c = VLLMRecipesExpander.recipe(model, strategies: strategies, selection: first, file: file)
    c.diagnostics.insert(contentsOf: diagnostics, at: 0)
    if all.count > 1 {
      c.diagnostics.append(
        Diagnostic(
          .note, code: "first-of-many",
          "this model file expands into \(all.count) recipes; this is the first (\(first))",
          at: SourceLocation(file: file, line: 1, column: 1),
          hint: "registry import vllm-recipes FILE (--variant, --strategy, --hardware) makes all"))
    }
    return c
  }

  /// Writes a recipe back as a model file (see ``VLLMRecipesExporter``).
  public func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    VLLMRecipesExporter.export(recipe)
  }
}
