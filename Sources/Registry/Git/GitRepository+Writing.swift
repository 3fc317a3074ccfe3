internal import CGit2

extension GitRepository {
  // MARK: - Writing objects (no work tree needed)

  /// Stores bytes as a blob and returns its id (existing identical blobs are reused).
  package func writeBlob(_ bytes: some Collection<UInt8>) throws(GitError) -> ObjectID {
    var oid = git_oid()
    let rc =
      bytes.withContiguousStorageIfAvailable { buffer in
        git_blob_create_from_buffer(&oid, pointer, buffer.baseAddress, buffer.count)
      }
      ?? Array(bytes).withUnsafeBufferPointer { buffer in
        git_blob_create_from_buffer(&oid, pointer, buffer.baseAddress, buffer.count)
      }
    try check(rc, "git_blob_create_from_buffer", object: "blob of \(bytes.count) bytes")
    return ObjectID(oid)
  }

  /// Stores a string's UTF-8 bytes as a blob.
  package func writeBlob(_ text: String) throws(GitError) -> ObjectID {
    try writeBlob(Array(text.utf8))
  }

  /// The id of the empty tree (written to the object database if needed).
  package func emptyTree() throws(GitError) -> ObjectID {
    var builder: OpaquePointer?
    try check(git_treebuilder_new(&builder, pointer, nil), "git_treebuilder_new", object: nil)
    defer { git_treebuilder_free(builder) }
    var oid = git_oid()
    try check(git_treebuilder_write(&oid, builder), "git_treebuilder_write", object: "empty tree")
    return ObjectID(oid)
  }

  /// Writes a new tree: `base` with `changes` applied, and returns its id.
  ///
  /// Only the trees on the changed paths are rewritten; intermediate trees are created
  /// as needed and trees left empty by removals disappear. Removing a missing path is an error.
  /// - Parameters:
  ///   - base: the tree to start from; nil for an empty tree.
  ///   - changes: at most one change per path; paths are slash-separated, relative to the root.
  /// - Throws: ``GitError/Code/notFound`` for a missing base tree or removed path.
  package func updatedTree(from base: ObjectID?, applying changes: [TreeChange]) throws(GitError)
    -> ObjectID
  {
    let baseID: ObjectID
    if let base { baseID = base } else { baseID = try emptyTree() }
    if changes.isEmpty { return baseID }
    let baseline = try lookupTree(baseID)
    defer { git_tree_free(baseline) }

    // Keep the C path strings alive and address-stable for the whole call.
    let paths = changes.map { change -> UnsafeMutablePointer<CChar> in
      let utf8 = Array(change.path.utf8CString)
      let p = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
      p.initialize(from: utf8, count: utf8.count)
      return p
    }
    defer { for p in paths { p.deallocate() } }

    var updates = [git_tree_update]()
    updates.reserveCapacity(changes.count)
    for (change, path) in zip(changes, paths) {
      var update = git_tree_update()
      update.path = UnsafePointer(path)
      switch change {
      case .upsert(_, let blob, let mode):
        update.action = GIT_TREE_UPDATE_UPSERT
        update.id = blob.gitOID
        update.filemode = git_filemode_t(rawValue: mode.rawValue)
      case .remove:
        update.action = GIT_TREE_UPDATE_REMOVE
      }
      updates.append(update)
    }
    var oid = git_oid()
    let object =
      changes.count == 1 ? "path '\(changes[0].path)'" : "\(changes.count) tree changes"
    try check(
      git_tree_create_updated(&oid, pointer, baseline, updates.count, updates),
      "git_tree_create_updated", object: object)
    return ObjectID(oid)
  }

  /// Writes a commit object without moving any reference, and returns its id.
  ///
  /// - Parameters:
  ///   - tree: the root tree of the commit.
  ///   - parents: parent commits, first parent first (empty for a root commit).
  ///   - committer: defaults to `author`.
  /// - Throws: ``GitError/Code/notFound`` if the tree or a parent does not exist.
  package func createCommit(
    tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature? = nil,
    message: String
  ) throws(GitError) -> ObjectID {
    let treeObject = try lookupTree(tree)
    defer { git_tree_free(treeObject) }
    var parentObjects = [OpaquePointer?]()
    parentObjects.reserveCapacity(parents.count)
    defer { for p in parentObjects { git_commit_free(p) } }
    for parent in parents { parentObjects.append(try lookupCommit(parent)) }

    return try author.withGitSignature { (authorSig) throws(GitError) -> ObjectID in
      try (committer ?? author).withGitSignature { (committerSig) throws(GitError) -> ObjectID in
        var oid = git_oid()
        let rc = parentObjects.withUnsafeMutableBufferPointer { buffer in
          git_commit_create(
            &oid, pointer, nil, authorSig, committerSig, nil, message, treeObject,
            buffer.count, buffer.baseAddress)
        }
        try check(rc, "git_commit_create", object: "commit of tree \(tree)")
        // libgit2 1.5 returns success when writing the commit object fails (a full disk):
        // check that it is stored; the failed write's error is still in git_error_last().
        let failedWrite = makeGitError(
          -1, "git_commit_create", object: "commit of tree \(tree)", repository: path)
        guard git_odb_exists(try objectDatabase().pointer, &oid) == 1 else { throw failedWrite }
        return ObjectID(oid)
      }
    }
  }
}
