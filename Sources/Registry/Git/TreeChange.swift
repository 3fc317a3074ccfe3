/// One change applied to a tree by ``GitRepository/updatedTree(from:applying:)``.
package enum TreeChange: Sendable, Hashable {
  /// Inserts or replaces the file at a slash-separated path, creating intermediate trees.
  case upsert(path: String, blob: ObjectID, mode: FileMode = .blob)
  /// Removes the entry at a slash-separated path; trees left empty disappear.
  case remove(path: String)

  /// The path the change is about.
  package var path: String {
    switch self {
    case .upsert(let path, _, _), .remove(let path): path
    }
  }
}
