public import Schema

/// The history of recipes in a registry: which commits changed a recipe (following
/// renames, like `git log --follow`), and how a field's value changed over time.
public struct RecipeHistory {
  /// The registry whose history is read.
  public let registry: RecipeRegistry

  /// The history of the recipes of `registry`.
  public init(registry: RecipeRegistry) {
    self.registry = registry
  }

  private var repository: GitRepository { registry.repository }

  /// The commits that changed the file at `path` as seen from `rev`, newest first; when the
  /// oldest one added the file as a rename, the walk goes on with the old path.
  public func commits(path: String, from rev: String = "HEAD", limit: Int? = nil) throws(GitError)
    -> [HistoryEntry]
  {
    var out: [HistoryEntry] = []
    var path = path
    var start = try repository.resolve(rev)
    while true {
      let ids = try repository.commits(
        from: start.hex, touching: path, limit: limit.map { $0 - out.count })
      for id in ids {
        let c = try repository.commit(id)
        out.append(
          HistoryEntry(
            commit: c, path: path, blobID: try repository.entry(at: path, inTree: c.treeID)?.id))
      }
      guard let oldest = out.last, oldest.path == path, let parent = oldest.commit.parentIDs.first,
        limit.map({ out.count < $0 }) ?? true
      else { break }
      let parentTree = try repository.commit(parent).treeID
      guard try repository.entry(at: path, inTree: parentTree) == nil else { break }
      let deltas = try repository.diff(
        from: parentTree, to: oldest.commit.treeID, detectRenames: true)
      guard let rename = deltas.first(where: { $0.status == .renamed && $0.newPath == path }) else {
        break
      }
      out[out.count - 1].renamedFrom = rename.oldPath
      path = rename.oldPath
      start = parent
    }
    return out
  }

  /// The history of the recipe called `name` at `rev`.
  public func commits(named name: String, from rev: String = "HEAD", limit: Int? = nil) throws
    -> [HistoryEntry]
  {
    let found = try registry.recipe(named: name, at: rev)
    return try commits(path: found.path, from: found.commit.hex, limit: limit)
  }

  /// Each change of `field` in the recipe called `name`, newest first (the recipe's first
  /// version counts as a change from absent).
  public func fieldChanges(named name: String, field: KeyPath, from rev: String = "HEAD") throws
    -> [FieldHistoryEntry]
  {
    try fieldChanges(of: try commits(named: name, from: rev), field: field)
  }

  /// Each change of `field` along a file history (as from ``commits(path:from:limit:)``).
  public func fieldChanges(of entries: [HistoryEntry], field: KeyPath) throws(GitError)
    -> [FieldHistoryEntry]
  {
    let values = FieldValues(repository: repository, field: field)
    var out: [FieldHistoryEntry] = []
    var previous: (value: String?, name: String?) = (nil, nil)
    for entry in entries.reversed() {
      let now = try values.value(in: entry.blobID)
      if now.value != previous.value {
        out.append(
          FieldHistoryEntry(
            name: now.name ?? previous.name ?? "", path: entry.path, old: previous.value,
            new: now.value, commit: entry.commit))
      }
      previous = now
    }
    return out.reversed()
  }

  /// Every change of `field` in every recipe file under the registry root, along the
  /// first-parent history of `rev`, newest first. Files added with the field set count as
  /// changes from absent.
  public func fieldTimeline(field: KeyPath, from rev: String = "HEAD") throws -> [FieldHistoryEntry]
  {
    let tip = try repository.resolve(rev)
    let tree = try repository.commit(tip).treeID
    let root = try registry.config(tree: tree).0.root
    let values = FieldValues(repository: repository, field: field)
    var out: [FieldHistoryEntry] = []
    var id: ObjectID? = tip
    while let current = id {
      let c = try repository.commit(current)
      let parentTree = try c.parentIDs.first.map { (p) throws(GitError) in
        try repository.commit(p).treeID
      }
      var deltas = try repository.diff(from: parentTree, to: c.treeID)
      // Pair deletions with additions as renames only when a commit has both (cheap otherwise).
      if parentTree != nil, deltas.contains(where: { $0.status == .added }),
        deltas.contains(where: { $0.status == .deleted })
      {
        deltas = try repository.diff(from: parentTree, to: c.treeID, detectRenames: true)
      }
      for d in deltas {
        let path = d.newID != nil ? d.newPath : d.oldPath
        guard RegistryIndexer.isRecipePath(path, root: root) else { continue }
        let old = try values.value(in: d.oldID)
        let new = try values.value(in: d.newID)
        if old.value != new.value {
          out.append(
            FieldHistoryEntry(
              name: new.name ?? old.name ?? "", path: path, old: old.value, new: new.value,
              commit: c))
        }
      }
      id = c.parentIDs.first
    }
    return out
  }
}
