internal import CGit2

extension GitRepository {
  /// The full name of the branch `HEAD` points to (`refs/heads/main`), also when that branch
  /// has no commits yet; nil when `HEAD` is detached.
  package func currentBranch() throws(GitError) -> String? {
    var ref: OpaquePointer?
    try check(
      git_reference_lookup(&ref, pointer, "HEAD"), "git_reference_lookup",
      object: "reference 'HEAD'")
    defer { git_reference_free(ref) }
    guard git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC,
      let target = git_reference_symbolic_target(ref)
    else { return nil }
    return String(cString: target)
  }
}
