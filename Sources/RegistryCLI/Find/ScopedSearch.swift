import Registry

/// Searches the fetched remote registries (`registry remote add`) for `search
/// --all-registries` / `--scope`; each row is named `@scope/NAME`.
enum ScopedSearch {
  /// The matching rows of each remote registry (all of them when `scopes` is empty).
  static func rows(
    _ registry: RecipeRegistry, scopes: [String], query: SearchQuery, withErrors: Bool,
    terminal: Terminal
  ) throws -> [RecipeRow] {
    let sync = RegistrySync(registry: registry)
    let remotes = try sync.scopes().compactMap { s in s.scope.map { ($0, s.rev) } }
    var wanted = remotes
    if !scopes.isEmpty {
      wanted = []
      for name in scopes {
        // An unknown or unfetched scope is an error naming what to do (from `rev(for:)`).
        let rev = try sync.rev(for: RecipeReference(scope: name, name: ""))
        wanted.append((name, rev))
      }
    }
    var rows: [RecipeRow] = []
    for (scope, rev) in wanted {
      let index = try IndexLoading.load(registry, rev: rev, terminal: terminal)
      rows += index.snapshot.search(query).map {
        RecipeRow(index.snapshot, $0, withErrors: withErrors).scoped(scope)
      }
    }
    return rows
  }
}
