import Foundation
import Migrate
import Schema

/// `registry.lock`: recipe name → the commit and blob it was read from, with the engine
/// version and image it resolved to. A locked read returns exactly those bytes, or fails
/// loudly when the blob is unreachable.
public struct RegistryLock: Sendable, Hashable, Codable {
  /// The default file name.
  public static let fileName = "registry.lock"
  /// Format version of the file.
  public var version = 1
  /// Locked recipes, sorted by name.
  public var recipes: [LockedRecipe]

  /// A lock of `recipes` (sorted by name when written).
  public init(recipes: [LockedRecipe] = []) {
    self.recipes = recipes.sorted { $0.name < $1.name }
  }

  /// The entry name of a reference: `NAME`, or `@scope/NAME` for a fetched registry's recipe.
  public static func key(for reference: RecipeReference) -> String {
    (reference.scope.map { "@\($0)/" } ?? "") + reference.name
  }

  /// The entry of `name`, if locked.
  public func entry(_ name: String) -> LockedRecipe? { recipes.first { $0.name == name } }

  /// Locks `names` (every recipe when empty) at `rev`, on top of `existing` entries; a
  /// scoped `@team/NAME` (or `NAME@REV`) is locked where ``RecipeRegistry/resolve(_:from:)`` reads it.
  public static func make(
    _ registry: RecipeRegistry, names: [String], at rev: String = "HEAD",
    updating existing: RegistryLock? = nil
  ) throws -> RegistryLock {
    var entries = Dictionary(
      (existing?.recipes ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let index = try registry.index(at: rev)
    let s = index.snapshot
    var wanted = names
    if wanted.isEmpty { wanted = (0..<s.count).map(s.name).filter { !$0.isEmpty } }
    for name in Set(wanted).sorted() {
      let ref = RecipeReference(parsing: name)
      let found =
        ref.scope == nil && ref.rev == nil
        ? try registry.recipe(named: name, at: index.commit.hex)
        : try registry.resolve(ref)
      let sum = found.read.summary
      entries[found.name] = LockedRecipe(
        name: found.name, commit: found.commit.hex, blob: found.blobID.hex, path: found.path,
        engine: sum.engine, engineVersion: sum.engineVersion, image: sum.image)
    }
    return RegistryLock(recipes: Array(entries.values))
  }

  /// Reads a lock file.
  public static func read(from path: String) throws(LockError) -> RegistryLock {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "no such file")
    }
    do {
      return try JSONDecoder().decode(RegistryLock.self, from: data)
    } catch {
      throw .unreadable(path: path, reason: "\(error)")
    }
  }

  /// Writes the lock file (sorted, stable JSON, atomically).
  public func write(to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(self)
    data.append(0x0A)
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  }

  /// The locked recipe, read from its locked blob.
  /// - Throws: ``LockError/notLocked(name:path:)``, ``LockError/unreachable(name:blob:commit:path:reason:)``.
  public func resolve(
    _ name: String, in registry: RecipeRegistry, lockPath: String = RegistryLock.fileName
  ) throws(LockError) -> RecipeLookup {
    guard let e = entry(name) else { throw .notLocked(name: name, path: lockPath) }
    guard let blob = ObjectID(hex: e.blob), let commit = ObjectID(hex: e.commit) else {
      throw .unreadable(path: lockPath, reason: "'\(name)' has a malformed id")
    }
    let bytes: [UInt8]
    do {
      bytes = try registry.repository.blob(blob)
    } catch {
      throw .unreachable(
        name: name, blob: e.blob, commit: e.commit, path: lockPath, reason: error.description)
    }
    let read = RecipeReader.read(bytes, file: e.path)
    var summary = read.summary
    summary.deriveGPUs(using: registry.gpuTable(at: commit))
    return RecipeLookup(
      name: name, commit: commit, path: e.path, blobID: blob, bytes: bytes, read: read,
      summary: summary)
  }
}
