import Migrate
import Schema
import Synchronization

/// Builds the index of a registry tree not in the cache (``RecipeRegistry/index(at:progress:)``
/// looks there first): incrementally from the last cached tree (re-reading only changed
/// blobs), or cold (every recipe blob, in parallel).
struct RegistryIndexer {
  let repositoryPath: String
  let cache: IndexCache
  var workers = 2
  /// Where a recipe's GPUs per node come from when it does not say them.
  var gpuTable = GPUsPerNode.standard

  /// Whether a tree path is a recipe file under `root`.
  static func isRecipePath(_ path: String, root: String) -> Bool {
    (root.isEmpty || path.hasPrefix(root + "/"))
      && (path.hasSuffix(".yaml") || path.hasSuffix(".yml"))
  }

  /// Reads one recipe blob into an index record (errors kept, warnings dropped); GPUs per node
  /// the recipe does not say come from `gpuTable`.
  static func index(
    _ bytes: [UInt8], path: String, blob: ObjectID, gpuTable: GPUsPerNode = .standard
  ) -> IndexedRecipe {
    var read = RecipeReader.read(bytes, file: path, comments: false)
    read.summary.deriveGPUs(using: gpuTable)
    var errors = read.diagnostics.filter { $0.severity == .error }
    if errors.isEmpty && !read.isValid {
      errors = [
        Diagnostic(
          .error, code: "unreadable", "the recipe could not be read",
          at: SourceLocation(file: path, line: 1, column: 1))
      ]
    }
    return IndexedRecipe(path: path, blobID: blob, summary: read.summary, diagnostics: errors)
  }

  /// The snapshot of `tree` whose recipes live under `root`, built and stored in the cache.
  func snapshot(
    repository: GitRepository, tree: ObjectID, root: String, configBlob: ObjectID?,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(RegistryError) -> (IndexSnapshot, IndexBuild) {
    let trace = Trace("index")
    let base = cache.latest(excluding: tree)
    trace.mark(base == nil ? "no base" : "base loaded")
    if let base,
      let (snapshot, reread) = try incremental(
        repository: repository, base: base, tree: tree, root: root, configBlob: configBlob)
    {
      return (snapshot, .incremental(base: base.treeID, reread: reread))
    }
    let snapshot = try cold(repository: repository, tree: tree, root: root, progress: progress)
    return (snapshot, .cold(read: snapshot.count))
  }

  private func incremental(
    repository: GitRepository, base: IndexSnapshot, tree: ObjectID, root: String,
    configBlob: ObjectID?
  ) throws(RegistryError) -> (IndexSnapshot, Int)? {
    let trace = Trace("incremental")
    let deltas: [TreeDelta]
    defer { trace.mark("done") }
    do {
      deltas = try repository.diff(from: base.treeID, to: tree)
      trace.mark("diff")
    } catch {
      return nil
    }
    // A changed registry.yaml may move the root: start over.
    if deltas.contains(where: {
      $0.oldPath == RegistryConfig.fileName || $0.newPath == RegistryConfig.fileName
    }) {
      return nil
    }
    let relevant = deltas.filter {
      Self.isRecipePath($0.oldPath, root: root) || Self.isRecipePath($0.newPath, root: root)
    }
    if relevant.count > max(2_000, base.count / 4) { return nil }
    var removedIDs: [ObjectID: [String]] = [:]
    var added: [(String, ObjectID)] = []
    for d in relevant {
      if let old = d.oldID, d.status != .added, Self.isRecipePath(d.oldPath, root: root) {
        removedIDs[old, default: []].append(d.oldPath)
      }
      if let new = d.newID, d.status != .deleted, Self.isRecipePath(d.newPath, root: root) {
        added.append((d.newPath, new))
      }
    }
    var dropping = Set<Int>()
    for i in base.records(withBlobIn: Set(removedIDs.keys))
    where removedIDs[base.blobID(i)]?.contains(base.path(i)) == true {
      dropping.insert(i)
    }
    trace.mark("dropping")
    var records: [IndexedRecipe] = []
    for (path, id) in added {
      do {
        let bytes = try repository.blob(id)
        records.append(Self.index(bytes, path: path, blob: id, gpuTable: gpuTable))
      } catch {
        throw .git(error)
      }
    }
    trace.mark("added")
    let update = IndexUpdate(view: base, dropping: dropping, added: records)
    guard let output = update.output() else { return nil }
    trace.mark("planned")
    switch output {
    case .whole(let writer):
      let stored = try store(writer, tree: tree)
      trace.mark("stored whole")
      return (stored, added.count)
    case .delta(let writer, let baseFile, let removed, let positions):
      let stored = try storeDelta(
        writer, tree: tree, base: baseFile, removed: removed, positions: positions)
      trace.mark("stored delta")
      return (stored, added.count)
    }
  }

  private func cold(
    repository: GitRepository, tree: ObjectID, root: String,
    progress: (@Sendable (Int, Int) -> Void)?
  ) throws(RegistryError) -> IndexSnapshot {
    let trace = Trace("cold")
    defer { trace.mark("done") }
    var entries: [BlobEntry] = []
    do {
      try repository.forEachBlob(inTree: tree, under: root.isEmpty ? nil : root) { e in
        let path = root.isEmpty ? e.path : e.path
        if Self.isRecipePath(path, root: root) { entries.append(e) }
      }
    } catch {
      throw .git(error)
    }
    let total = entries.count
    trace.mark("listed \(total)")
    // Read in reverse pack order (see `PackOrder`): workers take the next few blobs of it in
    // turn, each through its own repository handle; the records come back in tree order, so a
    // cold build is deterministic.
    let order = PackOrder(gitDirectory: repository.gitDirectory)
    let keys = entries.map { order.key($0.id) }
    let sequence = (0..<total).sorted { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : $0 < $1 }
    trace.mark("ordered")
    let done = Atomic<Int>(0)
    let path = repositoryPath
    let shared = entries
    let table = gpuTable
    let records: [IndexedRecipe]
    do throws(GitError) {
      records = try ParallelMap.map(
        count: total, workers: max(1, min(workers, total / 256 + 1)), order: sequence,
        context: { () throws(GitError) in try GitRepository(at: path) }
      ) { (repo: inout GitRepository, k: Int) throws(GitError) -> IndexedRecipe in
        let e = shared[k]
        let record = try repo.withBlob(e.id) { raw throws(GitError) in
          Self.index(
            Array(raw.bindMemory(to: UInt8.self)), path: e.path, blob: e.id, gpuTable: table)
        }
        let d = done.add(1, ordering: .relaxed).newValue
        if d % 2_000 == 0 { progress?(d, total) }
        return record
      }
    } catch {
      throw .git(error)
    }
    trace.mark("read")
    var writer = IndexWriter()
    records.withUnsafeBufferPointer { for i in $0.indices { writer.add($0[i]) } }
    progress?(total, total)
    trace.mark("written")
    return try store(writer, tree: tree)
  }

  private func storeDelta(
    _ writer: IndexWriter, tree: ObjectID, base: IndexSnapshot, removed: [Int], positions: [Int]
  ) throws(RegistryError) -> IndexSnapshot {
    let path = cache.deltaPath(for: tree)
    let stored = cache.store(at: path) { sink in
      writer.writeDelta(tree: tree, base: base, removed: removed, positions: positions, to: sink)
    }
    do {
      let delta: IndexDelta
      if stored, let mapped = try IndexDelta(mapping: path) {
        delta = mapped
      } else {
        var bytes: [UInt8] = []
        _ = writer.writeDelta(tree: tree, base: base, removed: removed, positions: positions) {
          bytes.append(contentsOf: $0)
          return true
        }
        delta = try IndexDelta(storage: IndexStorage(copying: bytes))
      }
      return try IndexSnapshot(base: base, delta: delta)
    } catch {
      throw .io("internal error: a freshly written index delta does not read back (\(error))")
    }
  }

  private func store(_ writer: IndexWriter, tree: ObjectID) throws(RegistryError) -> IndexSnapshot {
    let stored = cache.store(for: tree) { sink in writer.write(tree: tree, to: sink) }
    do {
      // Map the file just written (no copy; its checksum was computed while writing it); build
      // the bytes in memory when it could not be written.
      if stored, let mapped = try IndexSnapshot(mapping: cache.path(for: tree), checksum: false) {
        return mapped
      }
      return try IndexSnapshot(bytes: writer.bytes(tree: tree))
    } catch {
      throw .io("internal error: a freshly written index does not read back (\(error))")
    }
  }
}
