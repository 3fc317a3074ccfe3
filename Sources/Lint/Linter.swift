public import Engines
public import Migrate
import Schema

/// Checks recipes for engine-version drift and contradictions that the schema alone cannot see.
///
/// Works on a ``ReadRecipe`` of any format: the recipe is read into v2 (decoded, or imported
/// through its format's converter) and every rule runs on that; locations point into the
/// source file (exact for v2, best effort for imported formats). Flags are checked against
/// the catalog of the pinned engine version (`engine.version`, else the image tag's version)
/// or of a target version given by the caller (`registry lint --engine-version`).
///
/// ```swift
/// let linter = Linter(catalogs: try FlagCatalogStore.load())
/// let result = linter.lint(RecipeReader.read(bytes, file: "r.yaml"))
/// for d in result.diagnostics { print(d) }
/// ```
public struct Linter: Sendable {
  /// The catalogs flags are checked against.
  public let store: FlagCatalogStore
  /// The rules run, in order.
  public let rules: [any LintRule]

  /// Every rule the registry ships.
  public static let defaultRules: [any LintRule] = [
    FlagCatalogRule(), FlagValueRule(), ArgOwnershipRule(), ParallelismRule(),
    DisaggregationRule(), PrecisionRule(), EnvAcrossRolesRule(), SecretRule(), ImageTagRule(),
    PluginSwitchRule(),
  ]

  /// Every code a lint rule can report, plus the notes the linter itself emits.
  public static let codes: Set<String> = Set(defaultRules.flatMap(\.codes)).union([
    "catalog-nearest-lower", "no-catalog", "not-linted",
  ])

  /// A linter checking `rules` against the flag catalogs of `catalogs`.
  public init(catalogs: FlagCatalogStore, rules: [any LintRule] = Linter.defaultRules) {
    self.store = catalogs
    self.rules = rules
  }

  /// A linter over the flag catalogs found at run time (see `FlagCatalogStore.load`), shared
  /// by every caller of one process; nil when no catalog can be loaded.
  public static let standard: Linter? = (try? FlagCatalogStore.load()).map { Linter(catalogs: $0) }

  /// Lints one read recipe.
  ///
  /// - Parameters:
  ///   - read: the recipe as read by ``RecipeReader``; its diagnostics come first in the result.
  ///   - engineVersion: a target version to check against instead of the pinned one.
  public func lint(_ read: ReadRecipe, engineVersion: EngineVersion? = nil) -> LintResult {
    var result = LintResult(
      file: read.file, name: read.summary.name, format: read.format, engine: nil,
      checkedVersion: nil, versionSource: nil, catalog: nil, diagnostics: read.diagnostics)
    let (imported, notes) = read.importedV2()
    result.diagnostics += notes
    guard let recipe = imported else {
      if !read.diagnostics.hasErrors {
        let at = read.documents.first.map { SourceLocation(file: read.file, mark: $0.root.start) }
        result.diagnostics.append(
          Diagnostic(
            .note, code: "not-linted",
            "this \(read.format.rawValue) recipe cannot be read into v2 in this build, so it is not linted",
            at: at, hint: "convert it to v2 ('registry migrate') to lint it"))
      }
      return result
    }
    result.engine = recipe.engine.name
    let (version, source) = EngineVersion.checked(recipe, override: engineVersion)
    let context = LintContext(
      recipe: recipe, file: read.file, format: read.format,
      sourceRoot: read.documents.first?.root, store: store, version: version,
      versionSource: source, isTargetOverride: engineVersion != nil, existing: result.diagnostics)
    result.checkedVersion = version
    result.versionSource = source
    result.catalog = context.catalogMatch
    if let match = context.catalogMatch, !store.versions(engine: recipe.engine.name).isEmpty {
      switch match.kind {
      case .exact: break
      case .nearestLower:
        context.report(
          .note, code: "catalog-nearest-lower", match.note, at: "engine.version",
          hint:
            "flags are checked against \(recipe.engine.name) \(match.catalog?.version.normalized ?? "?")"
        )
      case .approximate:
        context.report(
          .note, code: "catalog-approximate", match.note, at: "engine.version",
          hint:
            "flags are checked against \(recipe.engine.name) \(match.catalog?.version.normalized ?? "?"); a flag it lacks is a warning, not an error"
        )
      case .none:
        context.report(
          .note, code: "no-catalog", match.note, at: "engine.version",
          hint: "flags are not checked; pin a catalogued version ('registry engines')")
      }
    }
    for rule in rules { rule.check(context) }
    result.diagnostics += context.diagnostics
    return result
  }
}
