import Foundation

/// Commits to a branch without using a work tree: builds a tree from the branch tip, writes a
/// commit, and moves the branch by compare-and-swap on the tip it started from. When the
/// branch is checked out in a non-bare repository, its index and work tree follow the branch
/// (see ``BranchUpdate``), or the write is refused when they have local changes in the way.
///
/// A lost race (`.modified`) is retried on the new tip, as long as none of the paths this
/// commit changes were changed between the start tip and the new tip; otherwise the write is a
/// ``PublishError/conflict(paths:startTip:newTip:)`` and nothing is written. A held ref lock
/// (`.locked`) is waited for, up to `lockTimeout`.
/// Safe across processes: git's ref lock and the CAS make every commit land exactly once.
public struct BranchWriter {
  /// The repository written to.
  package let repository: GitRepository
  /// Full reference name, e.g. `refs/heads/main`.
  public let reference: String
  /// Attempts before giving up (waits for a held ref lock do not count).
  public var maxAttempts = 200
  /// How long a held ref lock (`<ref>.lock`) is waited for before giving up.
  public var lockTimeout: Duration = .seconds(3)
  /// Set when the commit's objects are written as one pack (see ``init(packing:reference:)``).
  private let packed: PackedWrites?

  /// Writes loose objects: right for a commit of a few files.
  package init(repository: GitRepository, reference: String) {
    self.init(repository: repository, reference: reference, packed: nil)
  }

  /// Writes through `writes.repository` and stores each attempt's new objects as one pack
  /// before the branch moves: right for a commit of many files (a registry-wide migration).
  /// `prepare` must write its blobs through `writes.repository` too.
  package init(packing writes: PackedWrites, reference: String) {
    self.init(repository: writes.repository, reference: reference, packed: writes)
  }

  private init(repository: GitRepository, reference: String, packed: PackedWrites?) {
    self.repository = repository
    self.reference = reference.hasPrefix("refs/") ? reference : "refs/heads/" + reference
    self.packed = packed
  }

  /// The result of one successful write.
  public struct Outcome: Sendable, Hashable {
    /// The new commit (the branch tip now).
    public var commit: ObjectID
    /// The tip it was built on (nil for the branch's first commit).
    public var parent: ObjectID?
    /// The paths changed.
    public var paths: [String]
    /// 1 when the first CAS succeeded.
    public var attempts: Int
  }

  /// Commits the changes `prepare` computes from the tip (commit id, root tree id).
  ///
  /// `prepare` runs once, on the tip the write starts from; it returns the tree changes and
  /// the message (no changes: nothing is committed and nil is returned).
  /// - Throws: ``PublishError/conflict(paths:startTip:newTip:)``,
  ///   ``PublishError/locked(reference:lockFile:waited:)`` when the ref lock outlives
  ///   `lockTimeout`, ``PublishError/writeFailed(reference:repository:cause:)`` when an object
  ///   or the ref cannot be written (full disk, read-only repository),
  ///   ``PublishError/localChanges(reference:workTree:paths:)`` when the branch is checked out
  ///   and its work tree has local changes to a written path, errors of `prepare`.
  ///   The branch is unchanged whenever it throws.
  package func commit(
    author: Signature, committer: Signature? = nil,
    prepare: (_ tip: ObjectID?, _ tree: ObjectID?) throws -> (
      changes: [TreeChange], message: String
    )
  ) throws -> Outcome? {
    do {
      return try write(author: author, committer: committer, prepare: prepare)
    } catch let error as GitError where error.isWriteFailure {
      throw PublishError.writeFailed(
        reference: reference, repository: repository.gitDirectory, cause: error)
    }
  }

  private func write(
    author: Signature, committer: Signature?,
    prepare: (_ tip: ObjectID?, _ tree: ObjectID?) throws -> (
      changes: [TreeChange], message: String
    )
  ) throws -> Outcome? {
    let startTip = try tip()
    let startTree = try treeOf(startTip)
    let (changes, message) = try prepare(startTip, startTree)
    if changes.isEmpty { return nil }
    let paths = changes.map(\.path)
    let trace = Trace("branch-writer")
    let startIDs = try entryIDs(paths, startTree)
    trace.mark("start ids")

    var base = startTip
    var baseTree = startTree
    let reflog = "registry: " + (message.split(separator: "\n").first.map(String.init) ?? "")
    var attempt = 0
    let lockFile = repository.gitDirectory + "/" + reference + ".lock"
    var lockedSince: ContinuousClock.Instant?
    var lockHolder: LockHolder?
    while attempt < maxAttempts {
      attempt += 1
      let tree = try repository.updatedTree(from: baseTree, applying: changes)
      trace.mark("tree")
      let commit = try repository.createCommit(
        tree: tree, parents: base.map { [$0] } ?? [], author: author,
        committer: committer ?? author,
        message: message)
      let expected: ReferenceExpectation = base.map { .value($0) } ?? .absent
      trace.mark("commit")
      try packed?.flush(commit: commit, excluding: base)
      trace.mark("flush")
      do {
        try BranchUpdate.move(
          reference, in: repository, to: commit, expecting: expected, message: reflog)
        return Outcome(commit: commit, parent: base, paths: paths, attempts: attempt)
      } catch let error as GitError {
        guard error.code == .modified || error.code == .locked else { throw error }
        if error.code == .locked {
          // A held lock is not a lost race: wait for it without using up attempts. Writers
          // take turns holding it; only the same lock file held for `lockTimeout` is an error.
          let holder = Self.lockHolder(lockFile)
          if holder == nil || holder != lockHolder { lockedSince = .now }
          lockHolder = holder
          if let since = lockedSince, ContinuousClock.now - since > lockTimeout {
            throw PublishError.locked(reference: reference, lockFile: lockFile, waited: lockTimeout)
          }
          attempt -= 1
          usleep(UInt32.random(in: 200...5_000))
        }
      }
      let newTip = try tip()
      if newTip == base { continue }
      let newTree = try treeOf(newTip)
      var conflicting: [String] = []
      for (p, (old, new)) in zip(paths, zip(startIDs, try entryIDs(paths, newTree)))
      where new != old {
        conflicting.append(p)
      }
      if !conflicting.isEmpty {
        throw PublishError.conflict(paths: conflicting, startTip: startTip, newTip: newTip)
      }
      base = newTip
      baseTree = newTree
    }
    throw PublishError.tooManyRetries(maxAttempts)
  }

  /// Tells one lock file from the next one at the same path: inode and modification time.
  private struct LockHolder: Equatable {
    var inode: UInt64
    var modified: Date
  }

  private static func lockHolder(_ path: String) -> LockHolder? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value,
      let modified = attributes[.modificationDate] as? Date
    else { return nil }
    return LockHolder(inode: inode, modified: modified)
  }

  private func treeOf(_ commit: ObjectID?) throws(GitError) -> ObjectID? {
    guard let commit else { return nil }
    return try repository.commit(commit).treeID
  }

  private func entryIDs(_ paths: [String], _ tree: ObjectID?) throws(GitError) -> [ObjectID?] {
    guard let tree else { return Array(repeating: nil, count: paths.count) }
    return try repository.entryIDs(at: paths, inTree: tree)
  }

  /// The current tip of the branch (nil when it has no commits).
  public func tip() throws(GitError) -> ObjectID? {
    try repository.referenceTarget(reference)
  }

  /// The branch a command writes to: `explicit`, else `registry.yaml`'s `branch`, else the
  /// branch `HEAD` points to, else `main`.
  package static func branch(explicit: String?, config: RegistryConfig?, repository: GitRepository)
    -> String
  {
    if let explicit { return explicit.hasPrefix("refs/") ? explicit : "refs/heads/" + explicit }
    if let b = config?.branch { return "refs/heads/" + b }
    if let head = try? repository.currentBranch() { return head }
    return "refs/heads/main"
  }
}
