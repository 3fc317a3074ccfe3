/// One file-level difference between two trees.
package struct TreeDelta: Sendable, Hashable {
  /// The kind of difference.
  package let status: Status
  /// The path in the old tree (equals `newPath` unless renamed or copied).
  package let oldPath: String
  /// The path in the new tree.
  package let newPath: String
  /// The blob id in the old tree; nil for additions.
  package let oldID: ObjectID?
  /// The blob id in the new tree; nil for deletions.
  package let newID: ObjectID?

  package init(
    status: Status, oldPath: String, newPath: String, oldID: ObjectID?, newID: ObjectID?
  ) {
    self.status = status
    self.oldPath = oldPath
    self.newPath = newPath
    self.oldID = oldID
    self.newID = newID
  }
}
