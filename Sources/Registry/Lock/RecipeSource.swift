/// Where a command reads a recipe named on the command line from.
public enum RecipeSource: Sendable, Hashable {
  /// At the reference's rev: HEAD by default, the remote-tracking branch for `@scope/NAME`.
  case rev
  /// Exactly the blob the lock file at this path pins for the name (`--locked`).
  case locked(lockFile: String)
}
