internal import CGit2

extension GitRepository {
  // MARK: - Rev resolution

  /// Resolves a revision to a commit id.
  ///
  /// Accepts anything `git rev-parse` understands and libgit2 supports: branch and tag names
  /// (annotated tags are peeled), full or short ids, `HEAD~3`, `main^2`, `main@{1}`.
  /// - Throws: ``GitError`` with ``GitError/Code/notFound``, ``GitError/Code/ambiguous``
  ///   or ``GitError/Code/invalidSpec``; a non-commit target fails with another code.
  package func resolve(_ rev: String) throws(GitError) -> ObjectID {
    try peeledID(rev, to: GIT_OBJECT_COMMIT)
  }

  /// Resolves a revision to the id of its root tree (or, for `rev:path`, that subtree).
  package func tree(at rev: String) throws(GitError) -> ObjectID {
    try peeledID(rev, to: GIT_OBJECT_TREE)
  }

  /// The commit `HEAD` points to, or nil when the current branch has no commits yet.
  package func head() throws(GitError) -> ObjectID? {
    try referenceTarget("HEAD")
  }

  private func peeledID(_ rev: String, to type: git_object_t) throws(GitError) -> ObjectID {
    let object = "rev '\(rev)'"
    var found: OpaquePointer?
    try check(git_revparse_single(&found, pointer, rev), "git_revparse_single", object: object)
    guard let found else { throw missing("git_revparse_single", object: object) }
    defer { git_object_free(found) }
    var peeled: OpaquePointer?
    try check(git_object_peel(&peeled, found, type), "git_object_peel", object: object)
    guard let peeled else { throw missing("git_object_peel", object: object) }
    defer { git_object_free(peeled) }
    return ObjectID(git_object_id(peeled))
  }

  // MARK: - Commits

  /// Reads the metadata of a commit.
  ///
  /// - Throws: ``GitError/Code/notFound`` if there is no commit with that id.
  package func commit(_ id: ObjectID) throws(GitError) -> Commit {
    let commit = try lookupCommit(id)
    defer { git_commit_free(commit) }
    return makeCommit(commit, id: id)
  }

  func lookupCommit(_ id: ObjectID) throws(GitError) -> OpaquePointer {
    var oid = id.gitOID
    var commit: OpaquePointer?
    try check(
      git_commit_lookup(&commit, pointer, &oid), "git_commit_lookup", object: "commit \(id)")
    guard let commit else { throw missing("git_commit_lookup", object: "commit \(id)") }
    return commit
  }

  private func makeCommit(_ commit: OpaquePointer, id: ObjectID) -> Commit {
    let count = git_commit_parentcount(commit)
    var parents = [ObjectID]()
    parents.reserveCapacity(Int(count))
    for i in 0..<count {
      if let p = git_commit_parent_id(commit, i) { parents.append(ObjectID(p)) }
    }
    let message = git_commit_message(commit).map { String(cString: $0) } ?? ""
    let summary = git_commit_summary(commit).map { String(cString: $0) } ?? ""
    return Commit(
      id: id, treeID: ObjectID(git_commit_tree_id(commit)), parentIDs: parents,
      author: Signature(git_commit_author(commit)),
      committer: Signature(git_commit_committer(commit)),
      message: message, summary: summary)
  }

  // MARK: - References

  /// The commit a reference (`refs/heads/main`, `HEAD`, …) resolves to, following symbolic
  /// references; nil if it does not exist or is an unborn branch.
  package func referenceTarget(_ name: String) throws(GitError) -> ObjectID? {
    var oid = git_oid()
    let rc = git_reference_name_to_id(&oid, pointer, name)
    if rc == GIT_ENOTFOUND.rawValue { return nil }
    try check(rc, "git_reference_name_to_id", object: "reference '\(name)'")
    return ObjectID(oid)
  }

  /// Names of the references starting with `prefix` (e.g. `refs/heads/`), sorted.
  package func referenceNames(withPrefix prefix: String = "refs/") throws(GitError) -> [String] {
    var array = git_strarray()
    try check(git_reference_list(&array, pointer), "git_reference_list", object: nil)
    defer { git_strarray_dispose(&array) }
    var names = [String]()
    for i in 0..<array.count {
      guard let raw = array.strings[i] else { continue }
      let name = String(cString: raw)
      if name.hasPrefix(prefix) { names.append(name) }
    }
    return names.sorted()
  }

  /// Points a reference at `target`, atomically checking its current value first.
  ///
  /// Only the tips of branches and other direct references; the reflog gets `message`.
  /// - Parameters:
  ///   - name: full reference name, e.g. `refs/heads/main`.
  ///   - expected: what the reference must point to now (``ReferenceExpectation``).
  /// - Throws: ``GitError/Code/modified`` if the reference does not match `expected`
  ///   (including when `.absent` was expected but it exists, or `.value` was expected but it
  ///   is missing), ``GitError/Code/invalidSpec`` for a bad name, ``GitError/Code/locked``
  ///   if another writer holds the lock.
  package func updateReference(
    _ name: String, to target: ObjectID, expecting expected: ReferenceExpectation,
    message: String
  ) throws(GitError) {
    var oid = target.gitOID
    var ref: OpaquePointer?
    let object = "reference '\(name)'"
    switch expected {
    case .any:
      try check(
        git_reference_create(&ref, pointer, name, &oid, 1, message), "git_reference_create",
        object: object)
    case .absent:
      let rc = git_reference_create(&ref, pointer, name, &oid, 0, message)
      if rc == GIT_EEXISTS.rawValue {
        var error = makeGitError(rc, "git_reference_create", object: object, repository: path)
        error = GitError(
          code: .modified, klass: error.klass, message: error.message, function: error.function,
          object: object, repository: path)
        throw error
      }
      try check(rc, "git_reference_create", object: object)
    case .value(let old):
      var current = old.gitOID
      let rc = git_reference_create_matching(&ref, pointer, name, &oid, 1, &current, message)
      if rc == GIT_ENOTFOUND.rawValue {
        let error = makeGitError(
          rc, "git_reference_create_matching", object: object, repository: path)
        throw GitError(
          code: .modified, klass: error.klass, message: error.message, function: error.function,
          object: object, repository: path)
      }
      try check(rc, "git_reference_create_matching", object: object)
    }
    git_reference_free(ref)
  }

  /// Deletes a reference; does nothing if it does not exist.
  package func deleteReference(_ name: String) throws(GitError) {
    var ref: OpaquePointer?
    let rc = git_reference_lookup(&ref, pointer, name)
    if rc == GIT_ENOTFOUND.rawValue { return }
    try check(rc, "git_reference_lookup", object: "reference '\(name)'")
    defer { git_reference_free(ref) }
    try check(git_reference_delete(ref), "git_reference_delete", object: "reference '\(name)'")
  }
}
