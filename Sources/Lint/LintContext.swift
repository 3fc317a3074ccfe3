public import Engines
public import Schema
import Synchronization

/// What a rule sees: the recipe read into v2, the source document (for locations), the engine
/// version being checked and its flag catalog. Rules report through ``report(_:code:_:at:hint:)``.
///
/// Everything a rule reads is immutable; the findings reported so far are the only mutable
/// state and sit behind a `Mutex`, so a context may be shared by rules run concurrently.
public final class LintContext: Sendable {
  /// The recipe, read into v2 whatever its source format.
  public let recipe: RecipeV2
  /// The source file name used in diagnostics.
  public let file: String
  /// The source format (locations are exact for v2 and best effort for imported formats).
  public let format: RecipeFormat
  /// The source document root, when there is one.
  public let sourceRoot: YAMLNode?
  /// All catalogs (for rename and removal lookups across versions).
  public let store: FlagCatalogStore
  /// The version the recipe is checked against, if known.
  public let version: EngineVersion?
  /// Where ``version`` came from (`--engine-version`, `engine.version`, `engine.image`).
  public let versionSource: String?
  /// The catalog standing in for ``version``.
  public let catalogMatch: CatalogMatch?
  /// Whether ``version`` is a target the recipe is not pinned to (`--engine-version`).
  public let isTargetOverride: Bool

  /// Every arg of the recipe (common, then each role's overrides), in order.
  public let argSites: [ArgSite]
  /// What each role runs with (``RecipeV2/resolved(role:)``), computed once for all rules.
  private let resolvedRoles: [RecipeV2.Role: RecipeV2.ResolvedRole]

  /// The findings reported so far, in order, and the `code@path` keys already taken.
  private struct Findings {
    var diagnostics: [Diagnostic] = []
    var reported: Set<String> = []
  }

  private let findings: Mutex<Findings>

  /// The findings reported so far, in the order reported.
  var diagnostics: [Diagnostic] { findings.withLock { $0.diagnostics } }

  init(
    recipe: RecipeV2, file: String, format: RecipeFormat, sourceRoot: YAMLNode?,
    store: FlagCatalogStore, version: EngineVersion?, versionSource: String?,
    isTargetOverride: Bool, existing: [Diagnostic]
  ) {
    self.recipe = recipe
    self.file = file
    self.format = format
    self.sourceRoot = sourceRoot
    self.store = store
    self.version = version
    self.versionSource = versionSource
    self.isTargetOverride = isTargetOverride
    self.catalogMatch = version.map { store.catalog(for: recipe.engine, version: $0) }
    var taken = Findings()
    for d in existing { taken.reported.insert(d.code + "@" + d.path.description) }
    self.findings = Mutex(taken)
    self.argSites = Self.argSites(of: recipe)
    var resolved: [RecipeV2.Role: RecipeV2.ResolvedRole] = [:]
    for role in RecipeV2.Role.allCases { resolved[role] = recipe.resolved(role: role) }
    self.resolvedRoles = resolved
  }

  /// What `role` runs with: ``RecipeV2/resolved(role:)`` of the recipe.
  public func resolved(role: RecipeV2.Role) -> RecipeV2.ResolvedRole {
    resolvedRoles[role] ?? recipe.resolved(role: role)
  }

  /// The engine.
  public var engine: Engine { recipe.engine.name }

  /// The catalog for ``version`` (exact or nearest lower), nil when none.
  public var catalog: FlagCatalog? { catalogMatch?.catalog }

  /// Reports a finding located at the source node for `path` (see ``location(of:)``).
  /// A finding with the same code and path as one already reported (by the decoder or
  /// another rule) is dropped.
  public func report(
    _ severity: Diagnostic.Severity, code: String, _ message: String, at path: KeyPath,
    hint: String
  ) {
    findings.withLock {
      guard $0.reported.insert(code + "@" + path.description).inserted else { return }
      $0.diagnostics.append(
        Diagnostic(severity, code: code, message, at: location(of: path), path: path, hint: hint))
    }
  }

  // MARK: - Arg and env views with their paths

  /// One arg as written in the recipe, with the path of its key.
  public struct ArgSite: Sendable {
    /// The arg.
    public var arg: RecipeV2.EngineArg
    /// `args.<flag>` or `roles.<role>.args.<flag>`.
    public var path: KeyPath
    /// The role whose override it is; nil for common args.
    public var role: RecipeV2.Role?
  }

  private static func argSites(of recipe: RecipeV2) -> [ArgSite] {
    var out = recipe.args.map {
      ArgSite(arg: $0, path: KeyPath([.key("args"), .key($0.flag)]), role: nil)
    }
    for role in recipe.roles.keys.sorted() {
      for a in recipe.roles[role]?.args ?? [] {
        out.append(
          ArgSite(
            arg: a,
            path: KeyPath([.key("roles"), .key(role.rawValue), .key("args"), .key(a.flag)]),
            role: role))
      }
    }
    return out
  }

  /// The path of the arg `flag` as `role` runs with it: the role override if it has one,
  /// else the common arg.
  public func argPath(_ flag: String, role: RecipeV2.Role) -> KeyPath {
    if recipe.roles[role]?.args.contains(where: { $0.flag == flag }) == true {
      return KeyPath([.key("roles"), .key(role.rawValue), .key("args"), .key(flag)])
    }
    return KeyPath([.key("args"), .key(flag)])
  }

  /// The path of the env var `name` as `role` runs with it.
  public func envPath(_ name: String, role: RecipeV2.Role) -> KeyPath {
    if recipe.roles[role]?.env.contains(where: { $0.name == name }) == true {
      return KeyPath([.key("roles"), .key(role.rawValue), .key("env"), .key(name)])
    }
    return KeyPath([.key("env"), .key(name)])
  }

  // MARK: - Locations

  /// The source location of a v2 key path.
  ///
  /// For v2 sources: the key node at the path (or its closest existing ancestor). For imported
  /// formats: a mapping key anywhere in the document spelled like the path's last key (with
  /// or without `--`, `_` or `-`), else a scalar mentioning `--<key>` (a command line), else
  /// the closest v2 ancestor's counterpart, else the document start.
  public func location(of path: KeyPath) -> SourceLocation? {
    guard let root = sourceRoot else { return nil }
    if format == .v2 {
      var comps = path.components
      while !comps.isEmpty {
        if let node = root.keyNode(at: KeyPath(comps)), node.start.isKnown {
          return SourceLocation(file: file, mark: node.start)
        }
        comps.removeLast()
      }
      return SourceLocation(file: file, mark: root.start)
    }
    var comps = path.components
    while let last = comps.last {
      if case .key(let k) = last, let node = Self.search(root, for: k), node.start.isKnown {
        return SourceLocation(file: file, mark: node.start)
      }
      comps.removeLast()
    }
    return SourceLocation(file: file, mark: root.start)
  }

  /// A node of an imported document that stands for the v2 key `key`.
  static func search(_ root: YAMLNode, for key: String) -> YAMLNode? {
    let bare = NamedFieldFlags.normalize(key)
    var scalarHit: YAMLNode?
    let needle = "--" + key
    func walk(_ node: YAMLNode) -> YAMLNode? {
      switch node.kind {
      case .mapping(let pairs, _):
        for p in pairs {
          if let k = p.key.scalar, k == key || NamedFieldFlags.normalize(k) == bare { return p.key }
        }
        for p in pairs { if let hit = walk(p.value) { return hit } }
      case .sequence(let items, _):
        for item in items {
          if scalarHit == nil, let s = item.scalar, s == needle || s.hasPrefix(needle + "=") {
            scalarHit = item
          }
          if let hit = walk(item) { return hit }
        }
      case .scalar(let s, _):
        if scalarHit == nil, s.contains(needle) { scalarHit = node }
      }
      return nil
    }
    return walk(root) ?? scalarHit
  }
}
