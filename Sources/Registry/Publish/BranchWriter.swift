import Foundation

/// Commits to a branch without a work tree: builds a tree from the branch tip, writes a
/// commit, and moves the branch by compare-and-swap on the tip it started from.
///
/// A lost race (`.modified` / `.locked`) is retried on the new tip, as long as none of the
/// paths this commit changes were changed between the start tip and the new tip; otherwise
/// the write is a ``PublishError/conflict(paths:startTip:newTip:)`` and nothing is written.
/// Safe across processes: git's ref lock and the CAS make every commit land exactly once.
public struct BranchWriter {
  /// The repository written to.
  public let repository: GitRepository
  /// Full reference name, e.g. `refs/heads/main`.
  public let reference: String
  /// Attempts before giving up.
  public var maxAttempts = 200

  public init(repository: GitRepository, reference: String) {
    self.repository = repository
    self.reference = reference.hasPrefix("refs/") ? reference : "refs/heads/" + reference
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
  public func commit(
    author: Signature, committer: Signature? = nil,
    prepare: (_ tip: ObjectID?, _ tree: ObjectID?) throws -> (changes: [TreeChange], message: String)
  ) throws -> Outcome? {
    let startTip = try tip()
    let startTree = try treeOf(startTip)
    let (changes, message) = try prepare(startTip, startTree)
    if changes.isEmpty { return nil }
    let paths = changes.map(\.path)
    var startIDs: [ObjectID?] = []
    for p in paths { startIDs.append(try entryID(p, startTree)) }

    var base = startTip
    var baseTree = startTree
    let reflog = "registry: " + (message.split(separator: "\n").first.map(String.init) ?? "")
    for attempt in 1...maxAttempts {
      let tree = try repository.updatedTree(from: baseTree, applying: changes)
      let commit = try repository.createCommit(
        tree: tree, parents: base.map { [$0] } ?? [], author: author, committer: committer ?? author,
        message: message)
      let expected: ReferenceExpectation = base.map { .value($0) } ?? .absent
      let lost: Bool
      do {
        try repository.updateReference(reference, to: commit, expecting: expected, message: reflog)
        lost = false
      } catch {
        guard error.code == .modified || error.code == .locked else { throw error }
        lost = true
        if error.code == .locked { usleep(UInt32.random(in: 200...2_000)) }
      }
      if !lost { return Outcome(commit: commit, parent: base, paths: paths, attempts: attempt) }
      let newTip = try tip()
      if newTip == base { continue }
      let newTree = try treeOf(newTip)
      var conflicting: [String] = []
      for (p, old) in zip(paths, startIDs) where try entryID(p, newTree) != old { conflicting.append(p) }
      if !conflicting.isEmpty { throw PublishError.conflict(paths: conflicting, startTip: startTip, newTip: newTip) }
      base = newTip
      baseTree = newTree
    }
    throw PublishError.tooManyRetries(maxAttempts)
  }

  private func treeOf(_ commit: ObjectID?) throws(GitError) -> ObjectID? {
    guard let commit else { return nil }
    return try repository.commit(commit).treeID
  }

  private func entryID(_ path: String, _ tree: ObjectID?) throws(GitError) -> ObjectID? {
    guard let tree else { return nil }
    return try repository.entry(at: path, inTree: tree)?.id
  }

  /// The current tip of the branch (nil when it has no commits).
  public func tip() throws(GitError) -> ObjectID? {
    try repository.referenceTarget(reference)
  }

  /// The branch a command writes to: `explicit`, else `registry.yaml`'s `branch`, else the
  /// branch `HEAD` points to, else `main`.
  public static func branch(explicit: String?, config: RegistryConfig?, repository: GitRepository) -> String {
    if let explicit { return explicit.hasPrefix("refs/") ? explicit : "refs/heads/" + explicit }
    if let b = config?.branch { return "refs/heads/" + b }
    if let head = try? repository.currentBranch() { return head }
    return "refs/heads/main"
  }
}
