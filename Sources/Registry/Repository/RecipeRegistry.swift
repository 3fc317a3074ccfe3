import Migrate
import Schema

/// A recipe registry: a git repository (bare or not) with `registry.yaml` at its root.
/// Everything is read from a rev through git objects, never from a work tree.
public final class RecipeRegistry {
  package let repository: GitRepository
  /// The index files under the git directory (read by publish's name lookup too).
  let cache: IndexCache

  package init(repository: GitRepository) {
    self.repository = repository
    self.cache = IndexCache(gitDirectory: repository.gitDirectory)
  }

  /// Opens the repository at `path` (or the one enclosing it).
  public static func open(at path: String) throws(RegistryError) -> RecipeRegistry {
    do {
      return RecipeRegistry(repository: try GitRepository(at: path, discover: true))
    } catch {
      if error.code == .notFound { throw .notARegistry(path: path) }
      throw .git(error)
    }
  }

  /// The repository's root folder (the git dir for a bare repository).
  public var path: String { repository.workingDirectory ?? repository.gitDirectory }

  /// The commit and tree a rev names.
  public func resolve(_ rev: String) throws(RegistryError) -> (commit: ObjectID, tree: ObjectID) {
    do {
      let commit = try repository.resolve(rev)
      return (commit, try repository.commit(commit).treeID)
    } catch {
      throw .git(error)
    }
  }

  /// `registry.yaml` of a tree.
  public func config(tree: ObjectID) throws(RegistryError) -> (RegistryConfig, ObjectID) {
    let entry: TreeEntry?
    do {
      entry = try repository.entry(at: RegistryConfig.fileName, inTree: tree)
    } catch {
      throw .git(error)
    }
    guard let entry else { throw .notARegistry(path: path) }
    let bytes: [UInt8]
    do {
      bytes = try repository.blob(entry.id)
    } catch {
      throw .git(error)
    }
    let (config, diagnostics) = RegistryConfig.decode(bytes, file: RegistryConfig.fileName)
    guard let config else { throw .invalidConfig(diagnostics) }
    return (config, entry.id)
  }

  /// The index at `rev`: from the cache, updated incrementally, or built.
  /// - Parameter progress: called with (done, total) while a cold build reads recipes.
  public func index(at rev: String = "HEAD", progress: (@Sendable (Int, Int) -> Void)? = nil)
    throws(RegistryError) -> RegistryIndex
  {
    let (commit, tree) = try resolve(rev)
    // A cached index was built from this tree's registry.yaml: no need to read it again.
    if let cached = cache.load(tree) {
      return RegistryIndex(commit: commit, tree: tree, snapshot: cached, build: .cached)
    }
    let (config, configBlob) = try self.config(tree: tree)
    var indexer = RegistryIndexer(repositoryPath: repository.gitDirectory, cache: cache)
    indexer.gpuTable = config.gpuTable
    let (snapshot, build) = try indexer.snapshot(
      repository: repository, tree: tree, root: config.root, configBlob: configBlob,
      progress: progress)
    return RegistryIndex(commit: commit, tree: tree, snapshot: snapshot, build: build)
  }

  /// The recipe called `name` at `rev` (names are what recipes say, not file names).
  /// - Throws: `.recipeNotFound` (with a did-you-mean), `.ambiguousRecipe`.
  public func recipe(named name: String, at rev: String = "HEAD") throws(RegistryError)
    -> RecipeLookup
  {
    let index = try self.index(at: rev)
    let s = index.snapshot
    let hits = s.records(named: name)
    if hits.isEmpty {
      let names = (0..<s.count).map(s.name)
      throw .recipeNotFound(
        name: name, rev: rev, suggestion: DidYouMean.closest(to: name, in: names))
    }
    if hits.count > 1 { throw .ambiguousRecipe(name: name, paths: hits.map(s.path)) }
    let i = hits[0]
    let path = s.path(i)
    let blob = s.blobID(i)
    let bytes: [UInt8]
    do {
      bytes = try repository.blob(blob)
    } catch {
      throw .git(error)
    }
    return RecipeLookup(
      name: name, commit: index.commit, path: path, blobID: blob, bytes: bytes,
      read: RecipeReader.read(bytes, file: path), summary: s.summary(i))
  }

  /// The table GPUs per node are derived from at `commit` (its `registry.yaml`'s, else the
  /// standard one).
  public func gpuTable(at commit: ObjectID) -> GPUsPerNode {
    let tree = try? repository.commit(commit).treeID
    return tree.flatMap { try? config(tree: $0).0.gpuTable } ?? .standard
  }

  /// Creates a registry: a new repository with `registry.yaml` and an empty recipe folder
  /// marker, in a first commit on `branch`.
  public static func initialize(
    at path: String, bare: Bool = false, config: RegistryConfig = RegistryConfig(),
    branch: String = "main", author: Signature
  ) throws(RegistryError) -> RecipeRegistry {
    do {
      let repo = try GitRepository.create(at: path, bare: bare, initialBranch: branch)
      let configBlob = try repo.writeBlob(config.text)
      let keep = try repo.writeBlob("")
      let tree = try repo.updatedTree(
        from: nil,
        applying: [
          .upsert(path: RegistryConfig.fileName, blob: configBlob, mode: .blob),
          .upsert(path: config.root + "/.gitkeep", blob: keep, mode: .blob),
        ])
      let commit = try repo.createCommit(
        tree: tree, parents: [], author: author, committer: author,
        message: "Create recipe registry\n\nRegistry-Root: \(config.root)\n")
      try repo.updateReference(
        "refs/heads/" + branch, to: commit, expecting: .absent, message: "registry init")
      if !bare { try repo.checkoutHead() }
      return RecipeRegistry(repository: repo)
    } catch {
      throw .git(error)
    }
  }
}
