internal import CGit2

extension GitRepository {
  // MARK: - Diff

  /// The files that differ between two trees, in git path order (like `git diff-tree -r`).
  ///
  /// Without rename detection, identical subtrees are skipped, so the cost is proportional to
  /// the size of the change, not of the trees.
  /// - Parameters:
  ///   - old: the old tree; nil for an empty tree (everything added).
  ///   - new: the new tree; nil for an empty tree (everything deleted).
  ///   - detectRenames: pair deletions and additions of similar content as renames.
  package func diff(from old: ObjectID?, to new: ObjectID?, detectRenames: Bool = false)
    throws(GitError) -> [TreeDelta]
  {
    if detectRenames { return try libgit2Diff(from: old, to: new, detectRenames: true) }
    var result = [TreeDelta]()
    if old == new { return result }
    let oldTree = try old.map { (id) throws(GitError) in try lookupTree(id) }
    defer { if let oldTree { git_tree_free(oldTree) } }
    let newTree = try new.map { (id) throws(GitError) in try lookupTree(id) }
    defer { if let newTree { git_tree_free(newTree) } }
    var path = [UInt8]()
    path.reserveCapacity(256)
    try diffTrees(oldTree, newTree, path: &path, into: &result)
    return result
  }

  /// Merges two sorted trees, recursing only into subtrees whose ids differ.
  private func diffTrees(
    _ old: OpaquePointer?, _ new: OpaquePointer?, path: inout [UInt8],
    into result: inout [TreeDelta]
  ) throws(GitError) {
    let oldCount = old.map { git_tree_entrycount($0) } ?? 0
    let newCount = new.map { git_tree_entrycount($0) } ?? 0
    var i = 0
    var j = 0
    while i < oldCount || j < newCount {
      let a = i < oldCount ? git_tree_entry_byindex(old, i) : nil
      let b = j < newCount ? git_tree_entry_byindex(new, j) : nil
      let order: Int32
      if let a, let b { order = git_tree_entry_cmp(a, b) } else { order = a == nil ? 1 : -1 }
      if order < 0, let a {
        try side(a, path: &path, into: &result, added: false)
        i += 1
      } else if order > 0, let b {
        try side(b, path: &path, into: &result, added: true)
        j += 1
      } else if let a, let b {
        i += 1
        j += 1
        let oldID = ObjectID(git_tree_entry_id(a))
        let newID = ObjectID(git_tree_entry_id(b))
        let oldMode = git_tree_entry_filemode(a).rawValue
        let newMode = git_tree_entry_filemode(b).rawValue
        if oldID == newID && oldMode == newMode { continue }
        let base = path.count
        appendName(of: a, to: &path)
        defer { path.removeSubrange(base...) }
        if oldMode == FileMode.tree.rawValue {
          let oldSub = try lookupTree(oldID)
          defer { git_tree_free(oldSub) }
          let newSub = try lookupTree(newID)
          defer { git_tree_free(newSub) }
          path.append(UInt8(ascii: "/"))
          try diffTrees(oldSub, newSub, path: &path, into: &result)
        } else {
          let name = String(decoding: path, as: UTF8.self)
          let link = FileMode.link.rawValue
          let typeChanged = (oldMode == link) != (newMode == link)
          result.append(
            TreeDelta(
              status: typeChanged ? .typeChanged : .modified, oldPath: name, newPath: name,
              oldID: oldID, newID: newID))
        }
      } else {
        break
      }
    }
  }

  /// Reports an entry (recursively, for a tree) present on one side only.
  private func side(
    _ entry: OpaquePointer, path: inout [UInt8], into result: inout [TreeDelta], added: Bool
  ) throws(GitError) {
    let base = path.count
    appendName(of: entry, to: &path)
    defer { path.removeSubrange(base...) }
    let id = ObjectID(git_tree_entry_id(entry))
    if git_tree_entry_filemode(entry).rawValue == FileMode.tree.rawValue {
      let sub = try lookupTree(id)
      defer { git_tree_free(sub) }
      path.append(UInt8(ascii: "/"))
      try diffTrees(added ? nil : sub, added ? sub : nil, path: &path, into: &result)
    } else {
      let name = String(decoding: path, as: UTF8.self)
      result.append(
        TreeDelta(
          status: added ? .added : .deleted, oldPath: name, newPath: name,
          oldID: added ? nil : id, newID: added ? id : nil))
    }
  }

  /// Tree diff through libgit2 (`git_diff_tree_to_tree`, optionally `git_diff_find_similar`).
  func libgit2Diff(from old: ObjectID?, to new: ObjectID?, detectRenames: Bool)
    throws(GitError) -> [TreeDelta]
  {
    let oldTree = try old.map { (id) throws(GitError) in try lookupTree(id) }
    defer { if let oldTree { git_tree_free(oldTree) } }
    let newTree = try new.map { (id) throws(GitError) in try lookupTree(id) }
    defer { if let newTree { git_tree_free(newTree) } }

    var options = git_diff_options()
    try check(
      git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init",
      object: nil)
    var diff: OpaquePointer?
    try check(
      git_diff_tree_to_tree(&diff, pointer, oldTree, newTree, &options), "git_diff_tree_to_tree",
      object: "trees \(old.map(\.description) ?? "empty")..\(new.map(\.description) ?? "empty")")
    defer { git_diff_free(diff) }

    if detectRenames {
      var find = git_diff_find_options()
      try check(
        git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)),
        "git_diff_find_options_init", object: nil)
      find.flags = GIT_DIFF_FIND_RENAMES.rawValue
      try check(git_diff_find_similar(diff, &find), "git_diff_find_similar", object: nil)
    }

    let count = git_diff_num_deltas(diff)
    var result = [TreeDelta]()
    result.reserveCapacity(count)
    for i in 0..<count {
      guard let d = git_diff_get_delta(diff, i)?.pointee else { continue }
      let status: TreeDelta.Status
      switch d.status {
      case GIT_DELTA_ADDED: status = .added
      case GIT_DELTA_DELETED: status = .deleted
      case GIT_DELTA_MODIFIED: status = .modified
      case GIT_DELTA_RENAMED: status = .renamed
      case GIT_DELTA_COPIED: status = .copied
      case GIT_DELTA_TYPECHANGE: status = .typeChanged
      default: status = .other
      }
      let oldExists = d.old_file.flags & GIT_DIFF_FLAG_EXISTS.rawValue != 0
      let newExists = d.new_file.flags & GIT_DIFF_FLAG_EXISTS.rawValue != 0
      result.append(
        TreeDelta(
          status: status,
          oldPath: d.old_file.path.map { String(cString: $0) } ?? "",
          newPath: d.new_file.path.map { String(cString: $0) } ?? "",
          oldID: oldExists && status != .added ? ObjectID(d.old_file.id) : nil,
          newID: newExists && status != .deleted ? ObjectID(d.new_file.id) : nil))
    }
    return result
  }
}
