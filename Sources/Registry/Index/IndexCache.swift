import Foundation
import Migrate

/// Index files under the git directory (`<git dir>/registry-index/`): `<tree id>.idx`, a
/// whole index, and `<tree id>.dlt`, a delta over one (`IndexDeltaFormat`). Each is written to
/// a temporary file and renamed into place, so readers never see a torn file, and is never
/// changed afterwards: processes updating at once each rename a whole file of their own.
struct IndexCache {
  let directory: String
  /// How many index files to keep (older ones are deleted, except the bases of the deltas
  /// kept).
  var keep = 6

  init(gitDirectory: String) {
    directory = gitDirectory + "/registry-index"
  }

  func path(for tree: ObjectID) -> String { directory + "/" + tree.hex + ".idx" }
  func deltaPath(for tree: ObjectID) -> String { directory + "/" + tree.hex + ".dlt" }

  /// The snapshot of `tree`, if a valid cache file exists (a whole file, or a delta over one);
  /// a corrupt one is deleted.
  func load(_ tree: ObjectID) -> IndexSnapshot? {
    if let whole = load(path: path(for: tree)), whole.treeID == tree { return whole }
    return loadDelta(path: deltaPath(for: tree)).flatMap { $0.treeID == tree ? $0 : nil }
  }

  private func load(path: String) -> IndexSnapshot? {
    do {
      return try IndexSnapshot(mapping: path)
    } catch {
      try? FileManager.default.removeItem(atPath: path)
      return nil
    }
  }

  /// The snapshot of a delta file and its base; a corrupt delta is deleted, and so is one
  /// whose base is gone or was rewritten.
  private func loadDelta(path: String) -> IndexSnapshot? {
    do {
      guard let delta = try IndexDelta(mapping: path) else { return nil }
      guard let base = load(path: self.path(for: delta.baseTree)) else {
        try? FileManager.default.removeItem(atPath: path)
        return nil
      }
      return try IndexSnapshot(base: base, delta: delta)
    } catch {
      try? FileManager.default.removeItem(atPath: path)
      return nil
    }
  }

  /// The most recently written valid snapshot other than `tree`'s, as a base for an
  /// incremental update.
  func latest(excluding tree: ObjectID) -> IndexSnapshot? {
    for file in filesNewestFirst()
    where !file.hasSuffix(tree.hex + ".idx") && !file.hasSuffix(tree.hex + ".dlt") {
      if let s = file.hasSuffix(".dlt") ? loadDelta(path: file) : load(path: file) { return s }
    }
    return nil
  }

  private func filesNewestFirst() -> [String] {
    let fm = FileManager.default
    guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return [] }
    let files = names.filter { $0.hasSuffix(".idx") || $0.hasSuffix(".dlt") }.map {
      directory + "/" + $0
    }
    let dated = files.map { f -> (String, Date) in
      (f, (try? fm.attributesOfItem(atPath: f)[.modificationDate] as? Date) ?? .distantPast)
    }
    return dated.sorted { $0.1 > $1.1 }.map(\.0)
  }

  /// Stores the whole index file of `tree` (see `store(at:_:)`).
  @discardableResult
  func store(for tree: ObjectID, _ produce: ((UnsafeRawBufferPointer) -> Bool) -> Bool) -> Bool {
    store(at: path(for: tree), produce)
  }

  /// Stores a cache file atomically: `produce` passes its bytes, piece by piece, to the sink it
  /// is given. Failures (a read-only repository) only return false: the index is a cache.
  @discardableResult
  func store(at final: String, _ produce: ((UnsafeRawBufferPointer) -> Bool) -> Bool) -> Bool {
    let trace = Trace("store")
    let fm = FileManager.default
    try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let temp =
      directory
      + "/.tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))"
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return false }
    let written = produce { POSIXFile.write($0, fd: fd) }
    trace.mark("written")
    close(fd)
    trace.mark("closed")
    guard written, rename(temp, final) == 0 else {
      try? fm.removeItem(atPath: temp)
      return false
    }
    trace.mark("renamed")
    prune()
    trace.mark("pruned")
    return true
  }

  /// Temporary files older than this are debris of a killed writer (a store takes well under
  /// a second) and are deleted by the next store.
  static let staleTemporaryAge: TimeInterval = 600

  private func prune() {
    let fm = FileManager.default
    let files = filesNewestFirst()
    if files.count > keep {
      // The bases of the deltas kept stay too.
      let kept = files[..<keep]
      let bases = Set(
        kept.filter { $0.hasSuffix(".dlt") }.compactMap { IndexDelta.baseTree(ofFile: $0) }.map(
          path(for:)))
      for f in files[keep...] where !bases.contains(f) { try? fm.removeItem(atPath: f) }
    }
    let cutoff = Date().addingTimeInterval(-Self.staleTemporaryAge)
    for name in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(".tmp-")
    {
      let path = directory + "/" + name
      guard let date = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
        date < cutoff
      else { continue }
      try? fm.removeItem(atPath: path)
    }
  }
}
