/// One entry of a single tree: a name (no slashes), the object id and its mode.
package struct TreeEntry: Sendable, Hashable {
  /// The entry name inside its tree.
  package let name: String
  /// The blob, tree or commit id.
  package let id: ObjectID
  /// The entry mode.
  package let mode: FileMode

  package init(name: String, id: ObjectID, mode: FileMode) {
    self.name = name
    self.id = id
    self.mode = mode
  }
}
