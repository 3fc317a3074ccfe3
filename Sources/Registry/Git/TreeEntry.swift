/// One entry of a single tree: a name (no slashes), the object id and its mode.
public struct TreeEntry: Sendable, Hashable {
  /// The entry name inside its tree.
  public let name: String
  /// The blob, tree or commit id.
  public let id: ObjectID
  /// The entry mode.
  public let mode: FileMode

  public init(name: String, id: ObjectID, mode: FileMode) {
    self.name = name
    self.id = id
    self.mode = mode
  }
}
