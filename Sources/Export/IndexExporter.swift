import Engines
import Foundation
import Migrate
public import Registry
import Schema
import Synchronization

/// Writes the static, sharded JSON index of a registry at one commit (`registry export-index`):
///
/// - `catalog.json`: one `CatalogEntry` per recipe (the rows of `registry search -o json`),
///   sorted by name then path, and the parallel array `documents` of detail files;
/// - `recipes/<name>.json`: one detail document per recipe (entry, v2 recipe as JSON,
///   provenance, launch commands by target, pin history, diagnostics, commit);
/// - `index-meta.json`: the commit, tree, index schema version, generation time.
///
/// Every file is deterministic: the same commit gives the same bytes (keys sorted, the v2
/// recipe in its canonical key order, the generation time is the commit's time), so static
/// servers, HTTP caches and diffs work. The catalog comes from the registry's index cache;
/// only the detail documents read blobs. The shapes are in `spec/index/*.schema.json`.
public struct IndexExporter {
  /// The version of the index files' shape (`indexSchema` in every file).
  public static let schemaVersion = 1

  /// What to export besides the catalog.
  public struct Options: Sendable {
    /// Whether detail documents carry the pin history (walks git per recipe).
    public var history = true
    /// At most this many commits per recipe are examined for the pin history.
    public var historyLimit = 20

    public init(history: Bool = true, historyLimit: Int = 20) {
      self.history = history
      self.historyLimit = historyLimit
    }
  }

  /// What an export produced (also the data the site page inlines).
  public struct Result: Sendable {
    public var commit: ObjectID
    public var build: IndexBuild
    public var entries: [CatalogEntry]
    /// Detail file of each entry, relative to the output folder (`recipes/<name>.json`).
    public var documents: [String]
    /// `catalog.json`'s text.
    public var catalogJSON: String
    /// `index-meta.json`'s text.
    public var metaJSON: String
    /// Each detail document's text, parallel to `entries` (kept only when asked).
    public var documentJSON: [String]?
    /// Each entry's blob id.
    var blobs: [ObjectID]
  }

  public let registry: RecipeRegistry
  public var options: Options

  public init(registry: RecipeRegistry, options: Options = Options()) {
    self.registry = registry
    self.options = options
  }

  /// Exports the index at `rev` into `directory` (created; stale `recipes/*.json` removed).
  /// - Parameters:
  ///   - keepDocuments: keep every detail document's text in the result (for the site page).
  ///   - progress: called with (done, total) while detail documents are written.
  public func export(
    rev: String, to directory: String, keepDocuments: Bool = false,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(RegistryError) -> Result {
    var result = try catalog(rev: rev)
    let recipesDir = directory + "/recipes"
    do {
      try FileManager.default.createDirectory(atPath: recipesDir, withIntermediateDirectories: true)
    } catch {
      throw .io("cannot create \(recipesDir): \(error.localizedDescription)")
    }
    result.documentJSON = try writeDocuments(
      entries: result.entries, blobs: result.blobs, documents: result.documents,
      commit: result.commit,
      directory: directory, keep: keepDocuments, progress: progress)
    try Self.write(result.catalogJSON, to: directory + "/catalog.json")
    try Self.write(result.metaJSON, to: directory + "/index-meta.json")
    Self.removeStale(
      in: recipesDir, keeping: Set(result.documents.map { String($0.dropFirst("recipes/".count)) }))
    return result
  }

  /// `catalog.json` and `index-meta.json` at `rev`, from the index alone (no blob is read,
  /// nothing is written): what a page needs when detail documents are served separately.
  public func catalog(rev: String) throws(RegistryError) -> Result {
    let index = try registry.index(at: rev)
    let s = index.snapshot
    let order = (0..<s.count).map { ($0, s.name($0), s.path($0)) }.sorted {
      ($0.1, $0.2) < ($1.1, $1.2)
    }
    let entries = order.map { CatalogEntry(s, $0.0) }
    let documents = Self.documentPaths(entries)
    let commitInfo: Commit
    do {
      commitInfo = try registry.repository.commit(index.commit)
    } catch {
      throw .git(error)
    }
    let json = ExportJSON()
    let catalog = CatalogFile(
      commit: index.commit.hex, count: entries.count, documents: documents,
      indexSchema: Self.schemaVersion,
      recipes: entries)
    let meta = MetaFile(
      commit: index.commit.hex, count: entries.count,
      generatedAt: CommitTime.iso8601(commitInfo.committer.time),
      generator: "registry export-index", history: options.history,
      historyLimit: options.history ? options.historyLimit : nil, indexSchema: Self.schemaVersion,
      tree: index.tree.hex)
    return Result(
      commit: index.commit, build: index.build, entries: entries, documents: documents,
      catalogJSON: json.encode(catalog) + "\n", metaJSON: json.encode(meta) + "\n",
      documentJSON: nil,
      blobs: order.map { s.blobID($0.0) })
  }

  /// Writes every detail document, on one worker per core (each with its own repository
  /// handle: libgit2 handles are not shared across threads). The commit-independent part of
  /// each document comes from the detail cache (`DetailCache`) when it holds the blob, else
  /// from reading and converting the blob; a worker owns whole cache shards and rewrites
  /// those it missed in.
  /// - Returns: the documents' text in entry order when `keep`.
  private func writeDocuments(
    entries: [CatalogEntry], blobs: [ObjectID], documents: [String], commit: ObjectID,
    directory: String,
    keep: Bool, progress: (@Sendable (Int, Int) -> Void)?
  ) throws(RegistryError) -> [String]? {
    let total = entries.count
    var shards = Array(repeating: [Int](), count: DetailCache.shardCount)
    for k in 0..<total { shards[DetailCache.shard(of: blobs[k])].append(k) }
    let byShard = shards
    let done = Atomic<Int>(0)
    let gitDirectory = registry.repository.gitDirectory
    let cache = DetailCache(gitDirectory: gitDirectory, fingerprint: Self.detailFingerprint)
    let options = self.options
    let commitHex = commit.hex
    /// What each worker keeps across the shards it takes.
    struct Worker {
      var repo: GitRepository
      var history: HistoryWalker
      let json = ExportJSON()
    }
    // One shard at a time per worker (its cache file is read and rewritten by that worker only).
    let perShard = try ParallelMap.map(
      count: DetailCache.shardCount, workers: min(ParallelMap.defaultWorkers, total / 64 + 1),
      context: { () throws(RegistryError) -> Worker in
        do throws(GitError) {
          let repo = try GitRepository(at: gitDirectory)
          return Worker(
            repo: repo, history: HistoryWalker(repository: repo, limit: options.historyLimit))
        } catch {
          throw .git(error)
        }
      }
    ) { (w: inout Worker, shard: Int) throws(RegistryError) -> [(Int, String)] in
      guard !byShard[shard].isEmpty else { return [] }
      let cached = cache.load(shard: shard)
      var records: [(DetailCache.Key, DetailCache.Fragment)] = []
      var missed = false
      var out: [(Int, String)] = []
      for k in byShard[shard] {
        let entry = entries[k]
        let key = DetailCache.Key(blob: blobs[k], path: entry.path)
        let fragment: DetailCache.Fragment
        if let hit = cached[key] {
          fragment = hit
        } else {
          let bytes: [UInt8]
          do throws(GitError) {
            bytes = try w.repo.blob(blobs[k])
          } catch {
            throw .git(error)
          }
          fragment = Self.fragment(
            read: RecipeReader.read(bytes, file: entry.path), name: entry.name, json: w.json)
          missed = true
        }
        records.append((key, fragment))
        let pins = options.history ? try w.history.pins(path: entry.path, from: commit) : nil
        let text = Self.document(
          entry: entry, fragment: fragment, commit: commitHex, history: pins, json: w.json)
        try Self.write(text, to: directory + "/" + documents[k])
        if keep { out.append((k, text)) }
        let d = done.add(1, ordering: .relaxed).newValue
        if d % 500 == 0 { progress?(d, total) }
      }
      if missed { cache.store(shard: shard, records) }
      return out
    }
    guard keep else { return nil }
    var texts = Array(repeating: "", count: total)
    for chunk in perShard {
      for (k, text) in chunk { texts[k] = text }
    }
    return texts
  }

  /// The detail cache's fingerprint (see `DetailFingerprint`).
  static let detailFingerprint = DetailFingerprint.current.text

  /// Writes a file with plain POSIX calls (see `POSIXFile`): the export is regenerated from
  /// git at will, and Foundation's `createFile` syncs every file. A file that already holds
  /// the text is left alone (re-exporting a commit rewrites nothing, and keeps file times
  /// for static servers and sync tools).
  static func write(_ text: String, to path: String) throws(RegistryError) {
    var text = text
    let problem = text.withUTF8 { utf8 -> String? in
      let bytes = UnsafeRawBufferPointer(utf8)
      return POSIXFile.holds(bytes, at: path) ? nil : POSIXFile.write(bytes, to: path)
    }
    if let problem { throw .io(problem) }
  }

  static func removeStale(in directory: String, keeping: Set<String>) {
    let fm = FileManager.default
    guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return }
    for n in names where n.hasSuffix(".json") && !keeping.contains(n) {
      try? fm.removeItem(atPath: directory + "/" + n)
    }
  }
}
