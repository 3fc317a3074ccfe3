internal import CGit2

extension GitRepository {
  // MARK: - The checked-out branch's index and work tree

  /// The full name of the branch checked out in the work tree (`refs/heads/main`); nil for a
  /// bare repository or a detached `HEAD`.
  public func checkedOutBranch() -> String? {
    guard !isBare else { return nil }
    return try? currentBranch()
  }

  /// The paths among `paths` whose staging index entry or work-tree file differs from `tree`
  /// (modified, staged, deleted, or untracked where `tree` has nothing), in git path order.
  ///
  /// Ignored files do not count (git overwrites them too). Non-bare repositories only.
  /// - Parameter tree: what the index and work tree should match; nil for an empty tree.
  public func localChanges(to paths: [String], against tree: ObjectID?) throws(GitError) -> [String]
  {
    if paths.isEmpty { return [] }
    // An explicit baseline: without one libgit2 compares with HEAD.
    let baseline = try lookupTree(treeOrEmpty(tree))
    defer { git_tree_free(baseline) }
    var options = git_status_options()
    try check(
      git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)),
      "git_status_options_init", object: nil)
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
    options.flags =
      GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
      | GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH.rawValue | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
    options.baseline = baseline
    var list: OpaquePointer?
    let rc = withStrarray(paths) { array in
      options.pathspec = array.pointee
      return git_status_list_new(&list, pointer, &options)
    }
    try check(rc, "git_status_list_new", object: "work tree")
    defer { git_status_list_free(list) }
    var changed: [String] = []
    for i in 0..<git_status_list_entrycount(list) {
      guard let entry = git_status_byindex(list, i), entry.pointee.status != GIT_STATUS_CURRENT
      else { continue }
      let delta = entry.pointee.head_to_index ?? entry.pointee.index_to_workdir
      guard let delta, let path = delta.pointee.new_file.path ?? delta.pointee.old_file.path else {
        continue
      }
      changed.append(String(cString: path))
    }
    return changed
  }

  /// Updates the work tree and the staging index at `paths` from `baseline` to `target`
  /// (`git read-tree -u -m`): files that match `baseline` are rewritten, added or removed; any
  /// other file is left alone. Nothing is written when a path has local changes.
  /// - Throws: ``GitError`` with code `.other(-13)` (`GIT_ECONFLICT`) when a path's file or
  ///   index entry does not match `baseline`.
  /// - Parameters:
  ///   - baseline: what the index and work tree match now; nil for an empty tree.
  ///   - target: the tree to check out; nil for an empty tree (the paths are removed).
  public func checkout(_ paths: [String], from baseline: ObjectID?, to target: ObjectID?)
    throws(GitError)
  {
    if paths.isEmpty { return }
    let base = try lookupTree(treeOrEmpty(baseline))
    defer { git_tree_free(base) }
    let targetTree = try lookupTree(treeOrEmpty(target))
    defer { git_tree_free(targetTree) }
    var options = git_checkout_options()
    try check(
      git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)),
      "git_checkout_options_init", object: nil)
    options.checkout_strategy =
      GIT_CHECKOUT_SAFE.rawValue | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue
    options.baseline = base
    let rc = withStrarray(paths) { array in
      options.paths = array.pointee
      return git_checkout_tree(pointer, targetTree, &options)
    }
    try check(
      rc, "git_checkout_tree",
      object: paths.count == 1 ? "path '\(paths[0])'" : "\(paths.count) paths of the work tree")
  }

  private func treeOrEmpty(_ tree: ObjectID?) throws(GitError) -> ObjectID {
    if let tree { return tree }
    return try emptyTree()
  }
}
