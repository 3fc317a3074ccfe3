public import Schema

/// Why a registry operation failed, with what to do about it.
public enum RegistryError: ClassifiedError, Sendable {
  case notARegistry(path: String)
  case invalidConfig([Diagnostic])
  case git(GitError)
  case recipeNotFound(name: String, rev: String, suggestion: String?)
  case ambiguousRecipe(name: String, paths: [String])
  case io(String)

  /// A one-line message naming what is wrong.
  public var description: String {
    switch self {
    case .notARegistry(let path):
      return "no registry.yaml in \(path): run 'registry init' or pass --repo"
    case .invalidConfig(let ds):
      return "registry.yaml is invalid:\n" + ds.map(\.description).joined(separator: "\n")
    case .git(let e):
      return e.explained
    case .recipeNotFound(let name, let rev, let suggestion):
      var s = "no recipe named '\(name)' at \(rev)"
      if let suggestion { s += " (did you mean '\(suggestion)'?)" }
      return s
    case .ambiguousRecipe(let name, let paths):
      return "several recipes are named '\(name)': \(paths.joined(separator: ", "))"
    case .io(let message):
      return message
    }
  }

  /// `.notFound` for a missing registry or recipe, a git error's own kind, `.failed` otherwise.
  public var kind: FailureKind {
    switch self {
    case .recipeNotFound, .notARegistry: return .notFound
    case .git(let e): return e.kind
    case .invalidConfig, .ambiguousRecipe, .io: return .failed
    }
  }
}
