internal import CGit2

extension GitRepository {
  // MARK: - Revwalk

  /// Ids of the commits reachable from `rev`, newest first.
  ///
  /// Without a path: every reachable commit, by commit time with parents after children.
  /// With a path: the commits that changed the entry (file or directory) at that path, by
  /// commit time, with git's default history simplification (as `git log -- path`): a commit
  /// whose entry equals one of its parents' is skipped and only that parent is followed; a
  /// root commit counts if the path exists in it.
  /// - Parameters:
  ///   - path: slash-separated path relative to the root tree.
  ///   - limit: stop after this many commits.
  /// - Throws: ``GitError/Code/notFound`` if `rev` does not resolve.
  public func commits(from rev: String, touching path: String? = nil, limit: Int? = nil)
    throws(GitError) -> [ObjectID]
  {
    let start = try resolve(rev)
    if let path { return try commits(from: start, touching: path, limit: limit) }
    var walker: OpaquePointer?
    try check(git_revwalk_new(&walker, pointer), "git_revwalk_new", object: nil)
    defer { git_revwalk_free(walker) }
    try check(
      git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue),
      "git_revwalk_sorting", object: nil)
    var startOID = start.gitOID
    try check(git_revwalk_push(walker, &startOID), "git_revwalk_push", object: "rev '\(rev)'")

    var result = [ObjectID]()
    var oid = git_oid()
    while true {
      if let limit, result.count >= limit { break }
      let rc = git_revwalk_next(&oid, walker)
      if rc == GIT_ITEROVER.rawValue { break }
      try check(rc, "git_revwalk_next", object: "rev '\(rev)'")
      result.append(ObjectID(oid))
    }
    return result
  }

  /// Path-limited walk with git's default simplification (follow the first TREESAME parent).
  private func commits(from start: ObjectID, touching path: String, limit: Int?)
    throws(GitError) -> [ObjectID]
  {
    var result = [ObjectID]()
    let components = path.split(separator: "/").map(String.init)
    if components.isEmpty { return try commits(from: start.hex, touching: nil, limit: limit) }
    var pathIDs = [ObjectID: ObjectID?]()
    var memo = [[ObjectID: ObjectID?]](repeating: [:], count: components.count)
    var seen: Set<ObjectID> = [start]
    var queue = CommitQueue()
    queue.push(start, time: try commitTime(start))
    while let id = queue.pop() {
      if let limit, result.count >= limit { break }
      let commit = try lookupCommit(id)
      defer { git_commit_free(commit) }
      let mine = try entryID(
        at: components, ofCommit: id, commit, cache: &pathIDs, memo: &memo)
      let parentCount = git_commit_parentcount(commit)
      var parents = [ObjectID]()
      parents.reserveCapacity(Int(parentCount))
      for i in 0..<parentCount {
        if let p = git_commit_parent_id(commit, i) { parents.append(ObjectID(p)) }
      }
      var follow = parents
      var changed = parents.isEmpty ? mine != nil : true
      for parent in parents {
        if try entryID(
          at: components, ofCommit: parent, nil, cache: &pathIDs, memo: &memo) == mine {
          follow = [parent]
          changed = false
          break
        }
      }
      if changed { result.append(id) }
      for parent in follow where seen.insert(parent).inserted {
        queue.push(parent, time: try commitTime(parent))
      }
    }
    return result
  }

  private func commitTime(_ id: ObjectID) throws(GitError) -> Int64 {
    let commit = try lookupCommit(id)
    defer { git_commit_free(commit) }
    return Int64(git_commit_time(commit))
  }

  /// The id of the entry at `path` in a commit's tree, or nil if absent.
  ///
  /// `cache` maps commit ids to results; `memo[d]` maps the id of a tree at depth `d` of the
  /// path to the result, so commits sharing subtrees on the path share the lookup.
  private func entryID(
    at components: [String], ofCommit id: ObjectID, _ commit: OpaquePointer?,
    cache: inout [ObjectID: ObjectID?], memo: inout [[ObjectID: ObjectID?]]
  ) throws(GitError) -> ObjectID? {
    if let cached = cache[id] { return cached }
    let owned = commit == nil ? try lookupCommit(id) : nil
    defer { if let owned { git_commit_free(owned) } }
    guard let handle = commit ?? owned else { return nil }
    var treeIDs = [ObjectID]()
    var current = ObjectID(git_commit_tree_id(handle))
    var found: ObjectID?? = nil
    for (depth, name) in components.enumerated() {
      if let known = memo[depth][current] {
        found = .some(known)
        break
      }
      treeIDs.append(current)
      let tree = try lookupTree(current)
      defer { git_tree_free(tree) }
      guard let entry = git_tree_entry_byname(tree, name) else {
        found = .some(nil)
        break
      }
      let child = ObjectID(git_tree_entry_id(entry))
      if depth == components.count - 1 {
        found = .some(child)
      } else if git_tree_entry_filemode(entry).rawValue != FileMode.tree.rawValue {
        found = .some(nil)
        break
      }
      current = child
    }
    let result = found ?? nil
    for (depth, tree) in treeIDs.enumerated() { memo[depth][tree] = .some(result) }
    cache[id] = .some(result)
    return result
  }

  // MARK: - Diff

  /// The files that differ between two trees, in git path order (like `git diff-tree -r`).
  ///
  /// Without rename detection, identical subtrees are skipped, so the cost is proportional to
  /// the size of the change, not of the trees.
  /// - Parameters:
  ///   - old: the old tree; nil for an empty tree (everything added).
  ///   - new: the new tree; nil for an empty tree (everything deleted).
  ///   - detectRenames: pair deletions and additions of similar content as renames.
  public func diff(from old: ObjectID?, to new: ObjectID?, detectRenames: Bool = false)
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
