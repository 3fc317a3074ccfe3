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
  package func commits(from rev: String, touching path: String? = nil, limit: Int? = nil)
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
          at: components, ofCommit: parent, nil, cache: &pathIDs, memo: &memo) == mine
        {
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
}
