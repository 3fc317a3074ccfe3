/// What `publish` (or pin, deprecate, migrate) committed.
public struct PublishReport: Sendable {
  /// The new commit and the tip it was built on.
  public var outcome: BranchWriter.Outcome
  /// The branch written, e.g. `refs/heads/main`.
  public var branch: String
  /// The recipes written.
  public var recipes: [PreparedRecipe]
  /// Names that replaced an existing recipe.
  public var replaced: [String]
}
