/// Moves a branch by compare-and-swap, and keeps a non-bare repository's staging index and
/// work tree in step when the branch is the one checked out there, as git's
/// `receive.denyCurrentBranch=updateInstead` does for a push.
///
/// For the checked-out branch the order is: take the branch's lock (`<ref>.lock`), check the
/// tip is still the expected one, refuse when the index or work tree have local changes to a
/// path the move changes, update those paths in the index and work tree, then move the branch
/// and release the lock. No other git or registry writer can move the branch in between. A
/// process killed after the work-tree update and before the branch moves leaves the lock file
/// (the next write names it) and the new files as local changes, never a branch that silently
/// disagrees with the checked-out files. When moving the branch fails, the work tree is put
/// back.
enum BranchUpdate {
  /// Points `reference` to the commit `target` when it is at `expected`.
  /// - Throws: ``GitError`` with code `.modified` (the tip is not `expected`) or `.locked`
  ///   (another process holds the lock), ``PublishError/localChanges(reference:workTree:paths:)``
  ///   (nothing is written), other ``GitError``s (the branch and work tree are unchanged).
  static func move(
    _ reference: String, in repository: GitRepository, to target: ObjectID,
    expecting expected: ReferenceExpectation, message: String
  ) throws {
    guard let workTree = repository.workingDirectory, repository.checkedOutBranch() == reference
    else {
      try repository.updateReference(reference, to: target, expecting: expected, message: message)
      return
    }
    let lock = try ReferenceLock(reference, in: repository)
    let current = try lock.current()
    switch expected {
    case .any: break
    case .absent where current == nil: break
    case .value(let old) where current == old: break
    default:
      throw GitError(
        code: .modified, message: "the reference points to \(current?.hex ?? "nothing")",
        function: "git_transaction_lock_ref", object: "reference '\(reference)'",
        repository: repository.path)
    }
    let oldTree = try current.map { (id) throws(GitError) in try repository.commit(id).treeID }
    let newTree = try repository.commit(target).treeID
    let paths = try repository.diff(from: oldTree, to: newTree).map(\.newPath)
    let changed = try repository.localChanges(to: paths, against: oldTree)
    if !changed.isEmpty {
      throw PublishError.localChanges(reference: reference, workTree: workTree, paths: changed)
    }
    do {
      try repository.checkout(paths, from: oldTree, to: newTree)
    } catch where error.code == .other(-13) {
      // GIT_ECONFLICT: a file changed after the check above.
      let now = (try? repository.localChanges(to: paths, against: oldTree)) ?? []
      throw PublishError.localChanges(
        reference: reference, workTree: workTree, paths: now.isEmpty ? paths : now)
    } catch {
      try? repository.checkout(paths, from: newTree, to: oldTree)
      throw error
    }
    do {
      try lock.move(to: target, message: message)
    } catch {
      try? repository.checkout(paths, from: newTree, to: oldTree)
      throw error
    }
  }
}
