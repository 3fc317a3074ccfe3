/// A file found by a recursive tree walk: its full slash-separated path, blob id and mode.
public struct BlobEntry: Sendable, Hashable {
  /// The path from the walked tree's root, e.g. `recipes/org/model/sglang/fast.yaml`.
  public let path: String
  /// The blob id.
  public let id: ObjectID
  /// The mode (regular, executable or symbolic link).
  public let mode: FileMode

  public init(path: String, id: ObjectID, mode: FileMode) {
    self.path = path
    self.id = id
    self.mode = mode
  }
}
