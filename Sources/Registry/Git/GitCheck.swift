internal import CGit2

/// Turns a libgit2 return code into a thrown ``GitError``.
///
/// Reads `git_error_last()` immediately (it is thread-local and overwritten by the next call)
/// and tolerates it being NULL.
@inline(__always)
func check(
  _ rc: Int32, _ function: StaticString, object: @autoclosure () -> String?,
  repository: String? = nil
) throws(GitError) {
  if rc >= 0 { return }
  throw makeGitError(rc, function, object: object(), repository: repository)
}

/// Builds a ``GitError`` for a failed libgit2 call from `git_error_last()`.
func makeGitError(
  _ rc: Int32, _ function: StaticString, object: String?, repository: String? = nil
) -> GitError {
  var message = ""
  var klass: Int32 = 0
  if let last = git_error_last() {
    klass = last.pointee.klass
    if let text = last.pointee.message { message = String(cString: text) }
  }
  return GitError(
    code: GitError.Code(rawCode: rc), klass: klass, message: message,
    function: function.description, object: object, repository: repository)
}
