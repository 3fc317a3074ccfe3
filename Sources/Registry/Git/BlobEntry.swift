/// A file found by a recursive tree walk: its full slash-separated path, blob id and mode.
package struct BlobEntry: Sendable, Hashable {
  /// The path from the walked tree's root, e.g. `recipes/org/model/sglang/fast.yaml`.
  package let path: String
  /// The blob id.
  package let id: ObjectID
  /// The mode (regular, executable or symbolic link).
  package let mode: FileMode

  package init(path: String, id: ObjectID, mode: FileMode) {
    self.path = path
    self.id = id
    self.mode = mode
  }
}
