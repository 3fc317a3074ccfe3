internal import CGit2

extension GitRepository {
  /// The best common ancestor of two commits, or nil when they share no history.
  package func mergeBase(_ a: ObjectID, _ b: ObjectID) throws(GitError) -> ObjectID? {
    var out = git_oid()
    var one = a.gitOID
    var two = b.gitOID
    let rc = git_merge_base(&out, pointer, &one, &two)
    if rc == GIT_ENOTFOUND.rawValue { return nil }
    try check(rc, "git_merge_base", object: "commits \(a.abbreviated(12)) and \(b.abbreviated(12))")
    return ObjectID(out)
  }
}
