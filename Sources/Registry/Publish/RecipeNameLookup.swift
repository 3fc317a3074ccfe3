import Schema

/// Where recipes of given names live at a tree: publish's "is this name taken, and where"
/// check, without writing a whole registry index for every new tip.
///
/// The cached index of the tree answers when there is one. Otherwise the latest cached
/// index answers, corrected by the tree diff since: paths the diff touches are skipped in
/// the index and their new blobs read instead. A missing cache, or a diff longer than
/// ``maxDelta`` recipe files, falls back to the registry index (which is then cached), so
/// a long run of publishes pays one index write every ``maxDelta`` commits, not one each.
struct RecipeNameLookup {
  let registry: RecipeRegistry
  /// The longest diff answered from an older index.
  static let maxDelta = 64

  /// Name → paths of the recipes named one of `names` in `tree` (recipes under `root`).
  func paths(of names: Set<String>, tree: ObjectID, root: String, commit: ObjectID) throws
    -> [String: [String]]
  {
    let trace = Trace("name lookup")
    defer { trace.mark("done") }
    let cache = registry.cache
    if let exact = cache.load(tree) { return Self.scan(exact, for: names, skipping: []) }
    if let base = cache.latest(excluding: tree),
      let changed = try? registry.repository.diff(from: base.treeID, to: tree)
        .filter({
          RegistryIndexer.isRecipePath($0.oldPath, root: root)
            || RegistryIndexer.isRecipePath($0.newPath, root: root)
        }),
      changed.count <= Self.maxDelta,
      !changed.contains(where: {
        $0.oldPath == RegistryConfig.fileName || $0.newPath == RegistryConfig.fileName
      })
    {
      trace.mark("diff of \(changed.count)")
      var out = Self.scan(
        base, for: names, skipping: Set(changed.flatMap { [$0.oldPath, $0.newPath] }))
      for d in changed
      where d.status != .deleted && RegistryIndexer.isRecipePath(d.newPath, root: root) {
        guard let id = d.newID else { continue }
        let name = RegistryIndexer.index(
          try registry.repository.blob(id), path: d.newPath, blob: id
        ).summary.name
        if names.contains(name) { out[name, default: []].append(d.newPath) }
      }
      return out
    }
    return Self.scan(try registry.index(at: commit.hex).snapshot, for: names, skipping: [])
  }

  /// The paths of `names` in a snapshot, except `skipping`; names are compared as the
  /// index's bytes, with no String per recipe.
  static func scan(_ s: IndexSnapshot, for names: Set<String>, skipping: Set<String>) -> [String:
    [String]]
  {
    // By length, so most records are rejected on their length alone; no allocation per record.
    let byLength = Dictionary(grouping: names.map { Array($0.utf8) }, by: \.count)
    var out: [String: [String]] = [:]
    for i in 0..<s.count
    where s.uniqueBytes(
      s.nameID(i),
      { bytes in
        byLength[bytes.count]?.contains { $0.elementsEqual(bytes) } ?? false
      })
    {
      let path = s.path(i)
      if !skipping.contains(path) { out[s.name(i), default: []].append(path) }
    }
    return out
  }
}
