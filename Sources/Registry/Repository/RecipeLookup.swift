public import Migrate

/// One recipe found at a rev: where it lives and what it says.
public struct RecipeLookup: Sendable {
  public var name: String
  public var commit: ObjectID
  public var path: String
  public var blobID: ObjectID
  public var bytes: [UInt8]
  public var read: ReadRecipe
}
