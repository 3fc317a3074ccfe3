/// The index of a tree after a change to the tree of a snapshot (`view`): a delta over the
/// view's base file while the changes since that base stay within `deltaBound`, else a new
/// whole file (the compaction), records in path order either way.
struct IndexUpdate {
  /// The snapshot changed (a whole file, or a base with a delta).
  let view: IndexSnapshot
  /// The records of `view` that are gone (removed or changed files).
  let dropping: Set<Int>
  /// The records of the files added or changed.
  let added: [IndexedRecipe]

  /// What to write.
  enum Output {
    /// A delta over `base`: `writer` holds its records (in path order).
    case delta(IndexWriter, base: IndexSnapshot, removed: [Int], positions: [Int])
    /// A whole index file.
    case whole(IndexWriter)
  }

  /// The most records a delta may remove and add, over a base of `count` records; the write
  /// that would go past it compacts instead. Each write re-encodes the delta (a few µs per
  /// record) and a compaction rewrites the base (~0.4 µs per record), so the square root of the
  /// base's size keeps both small on average (at 100k recipes: deltas up to 316 records, about
  /// 1.5 ms, and a 16 MB rewrite every 316 changed recipes).
  static func deltaBound(baseCount count: Int) -> Int {
    max(256, Int(Double(count).squareRoot()))
  }

  init(view: IndexSnapshot, dropping: Set<Int>, added: [IndexedRecipe]) {
    self.view = view
    self.dropping = dropping
    self.added = added.sorted { Self.pathPrecedes($0.path, $1.path) }
  }

  /// Path order: the order of a tree walk (git sorts a directory `d` as `d/`, so it is the
  /// byte order of whole paths).
  static func pathPrecedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }

  /// The first of `count` records in path order (`path(k)`) whose path does not precede `path`.
  static func lowerBound(_ path: String, count: Int, _ pathAt: (Int) -> String) -> Int {
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      if pathPrecedes(pathAt(mid), path) { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The delta when it stays within the bound, else the whole file; nil when the base file's
  /// bytes, which a whole file copies, do not match their checksums (then build cold).
  func output() -> Output? {
    let base = view.baseFile
    var removed = Set<Int>()
    if let delta = view.delta { for k in 0..<delta.removedCount { removed.insert(delta.removed(k)) } }
    var records: [IndexedRecipe] = []
    for i in dropping { if let b = view.baseRecord(i) { removed.insert(b) } }
    for i in view.table?.deltaRecords ?? [] where !dropping.contains(i) {
      records.append(view.recipe(i))
    }
    if removed.count + records.count + added.count <= Self.deltaBound(baseCount: base.count) {
      records += added
      records.sort { Self.pathPrecedes($0.path, $1.path) }
      var writer = IndexWriter(deltaOver: base)
      var positions: [Int] = []
      for r in records {
        writer.add(r)
        positions.append(Self.lowerBound(r.path, count: base.count, base.path))
      }
      return .delta(writer, base: base, removed: removed.sorted(), positions: positions)
    }
    return compacted(base: base)
  }

  /// The whole file: the view's records but the dropped ones, with the added ones merged in.
  private func compacted(base: IndexSnapshot) -> Output? {
    let keptBase = (0..<view.count).count { !dropping.contains($0) && view.baseRecord($0) != nil }
    // Copy the base's strings unless most of them would be garbage.
    let copy = base.baseUniqueCount <= 4 * max(keptBase, 64)
    if copy {
      do { try base.verifyAll() } catch { return nil }
    }
    var writer = copy ? IndexWriter(base: base, dictionary: view.dictionary) : IndexWriter()
    let positions = added.map { Self.lowerBound($0.path, count: view.count, view.path) }
    var next = 0
    for i in 0..<view.count {
      while next < added.count, positions[next] <= i {
        writer.add(added[next])
        next += 1
      }
      if dropping.contains(i) { continue }
      if copy, let b = view.baseRecord(i) { writer.keep(b) } else { writer.add(view.recipe(i)) }
    }
    while next < added.count {
      writer.add(added[next])
      next += 1
    }
    return .whole(writer)
  }
}
