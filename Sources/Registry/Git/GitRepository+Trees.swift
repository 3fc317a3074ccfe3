internal import CGit2

extension GitRepository {
  // MARK: - Trees

  /// The entries of one tree (not recursive), in git order.
  ///
  /// - Throws: ``GitError/Code/notFound`` if there is no tree with that id.
  package func entries(ofTree id: ObjectID) throws(GitError) -> [TreeEntry] {
    let tree = try lookupTree(id)
    defer { git_tree_free(tree) }
    let count = git_tree_entrycount(tree)
    var result = [TreeEntry]()
    result.reserveCapacity(count)
    for i in 0..<count {
      guard let e = git_tree_entry_byindex(tree, i) else { continue }
      result.append(
        TreeEntry(
          name: String(cString: git_tree_entry_name(e)), id: ObjectID(git_tree_entry_id(e)),
          mode: FileMode(rawValue: git_tree_entry_filemode(e).rawValue)))
    }
    return result
  }

  /// The entry at a slash-separated path below a tree, or nil if there is none.
  package func entry(at path: String, inTree id: ObjectID) throws(GitError) -> TreeEntry? {
    let tree = try lookupTree(id)
    defer { git_tree_free(tree) }
    return try entry(at: path, in: tree)
  }

  func entry(at path: String, in tree: OpaquePointer) throws(GitError) -> TreeEntry? {
    var e: OpaquePointer?
    let rc = git_tree_entry_bypath(&e, tree, path)
    if rc == GIT_ENOTFOUND.rawValue { return nil }
    try check(rc, "git_tree_entry_bypath", object: "path '\(path)'")
    guard let e else { return nil }
    defer { git_tree_entry_free(e) }
    return TreeEntry(
      name: String(cString: git_tree_entry_name(e)), id: ObjectID(git_tree_entry_id(e)),
      mode: FileMode(rawValue: git_tree_entry_filemode(e).rawValue))
  }

  /// The ids of the entries at `paths` in one tree (nil where there is none), in order.
  package func entryIDs(at paths: [String], inTree id: ObjectID) throws(GitError) -> [ObjectID?] {
    let tree = try lookupTree(id)
    defer { git_tree_free(tree) }
    var ids: [ObjectID?] = []
    ids.reserveCapacity(paths.count)
    for path in paths { ids.append(try entryID(at: path, in: tree)) }
    return ids
  }

  /// The id of the entry at `path` in a tree, or nil if there is none (cheap: no strings copied).
  func entryID(at path: String, in tree: OpaquePointer) throws(GitError) -> ObjectID? {
    var e: OpaquePointer?
    let rc = git_tree_entry_bypath(&e, tree, path)
    if rc == GIT_ENOTFOUND.rawValue { return nil }
    try check(rc, "git_tree_entry_bypath", object: "path '\(path)'")
    guard let e else { return nil }
    defer { git_tree_entry_free(e) }
    return ObjectID(git_tree_entry_id(e))
  }

  /// Calls `body` for every file below a tree (recursively), depth-first in git order.
  ///
  /// Paths are slash-separated and relative to the tree. Submodule entries are skipped.
  /// - Parameter prefix: only walk the subtree at this path (paths stay relative to `tree`);
  ///   a missing prefix yields nothing.
  package func forEachBlob(
    inTree id: ObjectID, under prefix: String? = nil, _ body: (BlobEntry) -> Void
  ) throws(GitError) {
    var root = try lookupTree(id)
    defer { git_tree_free(root) }
    var path = [UInt8]()
    path.reserveCapacity(256)
    if let prefix, !prefix.isEmpty {
      let trimmed = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
      guard let sub = try entry(at: trimmed, in: root), sub.mode.isTree else { return }
      let subtree = try lookupTree(sub.id)
      git_tree_free(root)
      root = subtree
      path.append(contentsOf: trimmed.utf8)
      path.append(UInt8(ascii: "/"))
    }
    try walk(root, path: &path, body)
  }

  /// Every file below a tree (recursively), in git order. See ``forEachBlob(inTree:under:_:)``.
  package func blobEntries(inTree id: ObjectID, under prefix: String? = nil) throws(GitError)
    -> [BlobEntry]
  {
    var result = [BlobEntry]()
    try forEachBlob(inTree: id, under: prefix) { result.append($0) }
    return result
  }

  private func walk(
    _ tree: OpaquePointer, path: inout [UInt8], _ body: (BlobEntry) -> Void
  ) throws(GitError) {
    let count = git_tree_entrycount(tree)
    let base = path.count
    for i in 0..<count {
      guard let e = git_tree_entry_byindex(tree, i) else { continue }
      let mode = git_tree_entry_filemode(e).rawValue
      appendName(of: e, to: &path)
      if mode == FileMode.tree.rawValue {
        var sub: OpaquePointer?
        try check(
          git_tree_lookup(&sub, pointer, git_tree_entry_id(e)), "git_tree_lookup",
          object: "tree '\(String(decoding: path, as: UTF8.self))'")
        if let sub {
          path.append(UInt8(ascii: "/"))
          defer { git_tree_free(sub) }
          try walk(sub, path: &path, body)
        }
      } else if mode != FileMode.commit.rawValue {
        body(
          BlobEntry(
            path: String(decoding: path, as: UTF8.self), id: ObjectID(git_tree_entry_id(e)),
            mode: FileMode(rawValue: mode)))
      }
      path.removeSubrange(base...)
    }
  }

  /// Appends a tree entry's name (raw bytes) to a path buffer.
  func appendName(of entry: OpaquePointer, to path: inout [UInt8]) {
    guard let name = git_tree_entry_name(entry) else { return }
    UnsafeRawPointer(name).withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
      var k = 0
      while bytes[k] != 0 {
        path.append(bytes[k])
        k += 1
      }
    }
  }

  func lookupTree(_ id: ObjectID) throws(GitError) -> OpaquePointer {
    var oid = id.gitOID
    var tree: OpaquePointer?
    try check(git_tree_lookup(&tree, pointer, &oid), "git_tree_lookup", object: "tree \(id)")
    guard let tree else { throw missing("git_tree_lookup", object: "tree \(id)") }
    return tree
  }

  // MARK: - Blobs

  /// The contents of a blob.
  ///
  /// - Throws: ``GitError/Code/notFound`` if there is no blob with that id.
  package func blob(_ id: ObjectID) throws(GitError) -> [UInt8] {
    try withBlob(id) { bytes in Array(bytes) }
  }

  /// The contents of several blobs, in the order of `ids`.
  package func blobs(_ ids: some Sequence<ObjectID>) throws(GitError) -> [[UInt8]] {
    var result = [[UInt8]]()
    result.reserveCapacity(ids.underestimatedCount)
    for id in ids { result.append(try blob(id)) }
    return result
  }

  /// The size of a blob in bytes, read from the object header.
  ///
  /// - Throws: ``GitError/Code/notFound`` if there is no object with that id.
  package func blobSize(_ id: ObjectID) throws(GitError) -> Int {
    let odb = try objectDatabase()
    var oid = id.gitOID
    var size = 0
    var type = GIT_OBJECT_ANY
    try check(
      git_odb_read_header(&size, &type, odb.pointer, &oid), "git_odb_read_header",
      object: "blob \(id)")
    return size
  }

  /// Calls `body` with the bytes of a blob, without copying them.
  ///
  /// The buffer is only valid inside `body`.
  /// - Throws: ``GitError/Code/notFound`` if there is no blob with that id.
  package func withBlob<R>(
    _ id: ObjectID, _ body: (UnsafeRawBufferPointer) throws(GitError) -> R
  ) throws(GitError) -> R {
    let odb = try objectDatabase()
    var oid = id.gitOID
    var object: OpaquePointer?
    try check(git_odb_read(&object, odb.pointer, &oid), "git_odb_read", object: "blob \(id)")
    guard let object else { throw missing("git_odb_read", object: "blob \(id)") }
    defer { git_odb_object_free(object) }
    guard git_odb_object_type(object) == GIT_OBJECT_BLOB else {
      throw GitError(
        code: .notFound, message: "the requested type does not match the type in the ODB",
        function: "git_odb_read", object: "blob \(id)", repository: path)
    }
    let size = git_odb_object_size(object)
    return try body(UnsafeRawBufferPointer(start: git_odb_object_data(object), count: size))
  }
}
