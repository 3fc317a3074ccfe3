internal import CGit2

/// A reference held locked (git's `<ref>.lock` file) until it is moved or released: what
/// happens between taking the lock and ``move(to:message:)`` cannot race another git or
/// registry writer of the same reference.
///
/// Owns a libgit2 transaction; releasing the value without moving the reference removes the
/// lock file and leaves the reference as it was.
public final class ReferenceLock {
  private let pointer: OpaquePointer
  /// The full reference name.
  public let reference: String
  private let repository: GitRepository

  /// Takes the lock of `reference` in `repository`.
  /// - Throws: ``GitError/Code/locked`` when another process holds it (the lock file exists).
  package init(_ reference: String, in repository: GitRepository) throws(GitError) {
    var tx: OpaquePointer?
    try repository.check(
      git_transaction_new(&tx, repository.pointer), "git_transaction_new", object: nil)
    guard let tx else { throw repository.missing("git_transaction_new", object: nil) }
    let rc = git_transaction_lock_ref(tx, reference)
    if rc < 0 {
      let error = makeGitError(
        rc, "git_transaction_lock_ref", object: "reference '\(reference)'",
        repository: repository.path)
      git_transaction_free(tx)
      throw error
    }
    self.pointer = tx
    self.reference = reference
    self.repository = repository
  }

  deinit { git_transaction_free(pointer) }

  /// The reference's current target, read while the lock is held (nil when it does not exist).
  public func current() throws(GitError) -> ObjectID? {
    try repository.referenceTarget(reference)
  }

  /// Points the reference to `target` (with a reflog entry) and releases the lock.
  public func move(to target: ObjectID, message: String) throws(GitError) {
    var oid = target.gitOID
    let object = "reference '\(reference)'"
    try repository.check(
      git_transaction_set_target(pointer, reference, &oid, nil, message),
      "git_transaction_set_target", object: object)
    try repository.check(git_transaction_commit(pointer), "git_transaction_commit", object: object)
  }
}
