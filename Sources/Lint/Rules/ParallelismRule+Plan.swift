public import Engines
public import Schema

extension ParallelismRule {
  /// The rule's findings about a recipe already read into v2 (after variants and overrides),
  /// for a caller that has no source file: `registry plan` refuses a plan whose parallelism
  /// does not fit its GPUs with the same arithmetic `registry lint` uses.
  ///
  /// - Parameters:
  ///   - recipe: the recipe to check.
  ///   - catalogs: the flag catalogs (only named-field spellings are read from args).
  /// - Returns: every finding of this rule, errors and warnings.
  public static func findings(in recipe: RecipeV2, catalogs: FlagCatalogStore) -> [Diagnostic] {
    let context = LintContext(
      recipe: recipe, file: recipe.name, format: .v2, sourceRoot: nil, store: catalogs,
      version: nil, versionSource: nil, isTargetOverride: false, existing: [])
    ParallelismRule().check(context)
    return context.diagnostics
  }
}
