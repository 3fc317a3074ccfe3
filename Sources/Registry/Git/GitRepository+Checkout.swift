internal import CGit2

extension GitRepository {
  /// Makes the work tree and the staging index match HEAD, overwriting tracked files
  /// (`git checkout -f HEAD`). For non-bare repositories only; used right after `init`.
  package func checkoutHead() throws(GitError) {
    var options = git_checkout_options()
    try check(
      git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)),
      "git_checkout_options_init", object: nil)
    options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
    try check(git_checkout_head(pointer, &options), "git_checkout_head", object: "HEAD")
  }
}
