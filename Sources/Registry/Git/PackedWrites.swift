internal import CGit2

/// A repository handle whose object writes stay in memory until ``flush(commit:excluding:)``
/// stores the new objects of a commit as one pack (with its index) in the object database.
///
/// Writing many objects loose costs a file each (a temporary file, an inode, a rename: ext4's
/// inode allocation alone was a sixth of a 10k-recipe migration); a pack costs two files, the
/// way `git fetch` and `git fast-import` store many objects. The pack is complete and indexed
/// before any reference points into it, so a crash leaves at most an unreferenced temporary
/// file under `objects/pack`. Objects never flushed are dropped with the handle.
package final class PackedWrites {
  /// Write through this handle (blobs, trees, commits); read through it too, to see the
  /// objects not yet flushed.
  package let repository: GitRepository
  /// The in-memory backend; owned by the handle's object database, which frees it.
  private let memory: UnsafeMutablePointer<git_odb_backend>

  /// Opens the repository at `path` with an in-memory object store in front of its own.
  package init(at path: String) throws(GitError) {
    repository = try GitRepository(at: path)
    var backend: UnsafeMutablePointer<git_odb_backend>?
    try repository.check(git_mempack_new(&backend), "git_mempack_new", object: nil)
    guard let backend else { throw repository.missing("git_mempack_new", object: nil) }
    let database = try repository.objectDatabase()
    // The highest priority receives the writes; on success the database owns the backend.
    let rc = git_odb_add_backend(database.pointer, backend, 999)
    if rc < 0 {
      backend.pointee.free?(backend)
      try repository.check(rc, "git_odb_add_backend", object: "in-memory object store")
    }
    memory = backend
  }

  /// Stores the objects reachable from `commit` but not from `base` (the written ones, and
  /// nothing the repository already had) as one pack, then empties the memory store.
  /// - Throws: `GitError` when the pack cannot be built or written (e.g. a full disk); the
  ///   repository is unchanged apart from a possible temporary file.
  package func flush(commit: ObjectID, excluding base: ObjectID?) throws(GitError) {
    var builder: OpaquePointer?
    try repository.check(
      git_packbuilder_new(&builder, repository.pointer), "git_packbuilder_new", object: nil)
    defer { git_packbuilder_free(builder) }
    _ = git_packbuilder_set_threads(builder, 0)
    var walk: OpaquePointer?
    try repository.check(git_revwalk_new(&walk, repository.pointer), "git_revwalk_new", object: nil)
    defer { git_revwalk_free(walk) }
    var tip = commit.gitOID
    try repository.check(
      git_revwalk_push(walk, &tip), "git_revwalk_push", object: "commit \(commit)")
    if let base {
      var hidden = base.gitOID
      try repository.check(
        git_revwalk_hide(walk, &hidden), "git_revwalk_hide", object: "commit \(base)")
    }
    try repository.check(
      git_packbuilder_insert_walk(builder, walk), "git_packbuilder_insert_walk",
      object: "commit \(commit)")
    if git_packbuilder_object_count(builder) > 0 {
      try repository.check(
        git_packbuilder_write(builder, nil, 0, nil, nil), "git_packbuilder_write",
        object: "pack of \(git_packbuilder_object_count(builder)) objects")
    }
    try repository.check(git_mempack_reset(memory), "git_mempack_reset", object: nil)
  }
}

@available(*, unavailable, message: "libgit2 handles are not thread-safe; open one per task")
extension PackedWrites: Sendable {}
