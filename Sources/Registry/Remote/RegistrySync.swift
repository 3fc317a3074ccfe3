import Foundation
import Schema

/// Remotes of a registry through libgit2: clone, pull, push, and scoped reads of fetched
/// registries (`@team/NAME` reads `refs/remotes/team/<branch>`).
///
/// Pull and push never merge: local commits that the remote lacks are rebuilt, one by one,
/// on the remote tip (same trees changes, authors and messages). A file changed on both
/// sides is a ``PublishError/conflict(paths:startTip:newTip:)`` and nothing moves.
/// The work tree of a non-bare repository is never touched.
public struct RegistrySync {
  /// The registry whose repository is synchronized.
  public let registry: RecipeRegistry
  /// Synchronization of `registry` with its remotes.
  public init(registry: RecipeRegistry) { self.registry = registry }
  private var repository: GitRepository { registry.repository }

  /// Clones a registry (bare, or with a work tree).
  public static func clone(from url: String, to path: String, bare: Bool = false) throws
    -> RecipeRegistry
  {
    RecipeRegistry(repository: try GitRepository.clone(from: url, to: path, bare: bare))
  }

  /// Adds a remote (a scope name for `@NAME/recipe` reads) and fetches it.
  @discardableResult
  public func addRemote(_ name: String, url: String, fetch: Bool = true) throws -> Remote {
    if let problem = RecipeName.problem(name) {
      throw PublishError.cannotEdit("'\(name)' cannot be a remote name: \(problem)")
    }
    let remote = try repository.addRemote(named: name, url: url)
    if fetch { try repository.fetch(remote: name) }
    return remote
  }

  /// The short branch name of a full reference.
  static func short(_ ref: String) -> String {
    ref.hasPrefix("refs/heads/") ? String(ref.dropFirst(11)) : ref
  }

  /// Fetches `remote` and brings `branch` up to its tip: fast-forward, or local commits
  /// rebuilt on top.
  public func pull(remote: String = "origin", branch: String? = nil) throws -> SyncResult {
    let ref = try RecipePublisher(registry: registry).resolvedBranch(branch)
    try repository.fetch(remote: remote)
    guard let theirs = try repository.referenceTarget("refs/remotes/\(remote)/\(Self.short(ref))")
    else {
      throw PublishError.cannotEdit("\(remote) has no branch \(Self.short(ref))")
    }
    return try integrate(theirs, into: ref)
  }

  /// Moves `ref` to include `theirs`: fast-forward when possible, else rebuild the local
  /// commits since the merge base on `theirs`. CAS on the local tip.
  public func integrate(_ theirs: ObjectID, into ref: String) throws -> SyncResult {
    let mine = try repository.referenceTarget(ref)
    guard let mine else {
      try BranchUpdate.move(
        ref, in: repository, to: theirs, expecting: .absent, message: "registry pull: create")
      return .fastForward(to: theirs)
    }
    if mine == theirs { return .upToDate }
    let base = try repository.mergeBase(mine, theirs)
    if base == mine {
      try BranchUpdate.move(
        ref, in: repository, to: theirs, expecting: .value(mine),
        message: "registry pull: fast-forward")
      return .fastForward(to: theirs)
    }
    if base == theirs { return .upToDate }
    let (tip, count) = try rebuild(from: base, to: mine, onto: theirs)
    try BranchUpdate.move(
      ref, in: repository, to: tip, expecting: .value(mine),
      message: "registry pull: rebuilt \(count) commits")
    return .rebuilt(commits: count, tip: tip)
  }

  /// Replays the first-parent commits in (base, mine] onto `onto`; returns the new tip.
  func rebuild(from base: ObjectID?, to mine: ObjectID, onto: ObjectID) throws -> (ObjectID, Int) {
    var local: [Commit] = []
    var id: ObjectID? = mine
    while let c = id, c != base {
      let commit = try repository.commit(c)
      local.append(commit)
      id = commit.parentIDs.first
    }
    let baseTree = try base.map { (b) throws(GitError) in try repository.commit(b).treeID }
    let ontoTree = try repository.commit(onto).treeID
    // Paths the remote changed since the base.
    let theirs = Set(
      try repository.diff(from: baseTree, to: ontoTree).flatMap { [$0.oldPath, $0.newPath] })
    var tip = onto
    var tree = ontoTree
    for commit in local.reversed() {
      let parentTree = try commit.parentIDs.first.map { (p) throws(GitError) in
        try repository.commit(p).treeID
      }
      let deltas = try repository.diff(from: parentTree, to: commit.treeID)
      let clash = deltas.flatMap { [$0.oldPath, $0.newPath] }.filter { theirs.contains($0) }
      if !clash.isEmpty {
        throw PublishError.conflict(paths: Array(Set(clash)).sorted(), startTip: base, newTip: onto)
      }
      var changes: [TreeChange] = []
      for d in deltas {
        if let n = d.newID { changes.append(.upsert(path: d.newPath, blob: n, mode: .blob)) }
        if d.newID == nil || d.oldPath != d.newPath { changes.append(.remove(path: d.oldPath)) }
      }
      tree = try repository.updatedTree(from: tree, applying: changes)
      tip = try repository.createCommit(
        tree: tree, parents: [tip], author: commit.author, committer: commit.committer,
        message: commit.message)
    }
    return (tip, local.count)
  }

  /// Pushes `branch`; a rejected (non-fast-forward) push is fetched, rebuilt on the new
  /// remote tip and retried.
  public func push(remote: String = "origin", branch: String? = nil, maxAttempts: Int = 20) throws
    -> SyncResult
  {
    let ref = try RecipePublisher(registry: registry).resolvedBranch(branch)
    for attempt in 0..<maxAttempts {
      guard let tip = try repository.referenceTarget(ref) else {
        throw PublishError.cannotEdit("nothing to push: \(ref) has no commits")
      }
      do {
        try repository.push(remote: remote, refspecs: ["\(ref):\(ref)"])
        return .pushed(tip: tip, retries: attempt)
      } catch {
        // Rejected: take in what the remote has, then try again.
        try repository.fetch(remote: remote)
        guard
          let theirs = try repository.referenceTarget("refs/remotes/\(remote)/\(Self.short(ref))")
        else { throw error }
        if try repository.mergeBase(tip, theirs) == theirs { throw error }  // not a race: a real failure
        _ = try integrate(theirs, into: ref)
      }
    }
    throw PublishError.tooManyRetries(maxAttempts)
  }

  /// The rev a scoped reference reads: `@scope/NAME` → the remote-tracking branch of the
  /// remote called `scope`; no scope (or this registry's own name) → `rev` or HEAD.
  public func rev(for reference: RecipeReference) throws -> String {
    guard let scope = reference.scope else { return reference.rev ?? "HEAD" }
    if let head = try repository.head(),
      let own = try? registry.config(tree: try repository.commit(head).treeID).0.name, own == scope
    {
      return reference.rev ?? "HEAD"
    }
    guard try repository.remotes().contains(where: { $0.name == scope }) else {
      throw PublishError.cannotEdit(
        "no registry scope '@\(scope)': add it with 'registry remote add \(scope) URL'")
    }
    if let rev = reference.rev {
      return rev.hasPrefix("refs/") ? rev : "refs/remotes/\(scope)/\(rev)"
    }
    let branches = try repository.referenceNames(withPrefix: "refs/remotes/\(scope)/").filter {
      !$0.hasSuffix("/HEAD")
    }
    for b in ["main", "master"] where branches.contains("refs/remotes/\(scope)/\(b)") {
      return "refs/remotes/\(scope)/\(b)"
    }
    guard let first = branches.first else {
      throw PublishError.cannotEdit("'@\(scope)' has not been fetched: run 'registry pull'")
    }
    return first
  }

  /// The registries to search: this one (scope nil) and each fetched remote (scope = name).
  public func scopes() throws -> [(scope: String?, rev: String)] {
    var out: [(String?, String)] = [(nil, "HEAD")]
    for r in try repository.remotes() {
      if let rev = try? rev(for: RecipeReference(scope: r.name, name: "")) {
        out.append((r.name, rev))
      }
    }
    return out
  }
}
