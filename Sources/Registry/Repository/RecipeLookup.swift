public import Migrate
public import Schema

/// One recipe found at a rev: where it lives and what it says.
public struct RecipeLookup: Sendable {
  /// The recipe's name.
  public var name: String
  /// The commit the recipe was read at.
  public var commit: ObjectID
  /// The recipe file's path in that commit's tree.
  public var path: String
  /// The blob of the file.
  public var blobID: ObjectID
  /// The file's bytes, as stored.
  public var bytes: [UInt8]
  /// The file read as a recipe (its format, v2 form and diagnostics).
  public var read: ReadRecipe
  /// The recipe's summary as the index has it: GPUs per node the recipe does not say are the
  /// registry's figure for its GPU type at that commit (`gpusPerNodeDerived`).
  public var summary: RecipeSummary
}
