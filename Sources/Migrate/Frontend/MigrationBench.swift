internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif
import Schema

/// `registry bench migrate`: plain parse of N generated v1 files vs their full v1 → v2
/// migration by `ConversionBatch` (read + parse + convert + emit + write), timed in the same
/// process with the same worker count.
public enum MigrationBench {
  public struct Report: Sendable, Codable {
    public var files: Int
    public var bytes: Int
    /// Threads of the timed passes (one per core).
    public var workers: Int
    /// Plain parse of every file with `workers` threads (the reference).
    public var parseSeconds: Double
    /// `ConversionBatch` (what `registry migrate v1 v2 --in-place DIR` runs) with `workers`
    /// threads, writes included.
    public var migrateSeconds: Double
    /// CPU time of the process during that migration, in user space and in the kernel (file
    /// creation and writes): what the workers did, apart from waiting for a core.
    public var migrateUserSeconds: Double
    public var migrateSystemSeconds: Double
    public var parseFilesPerSecond: Double
    public var migrateFilesPerSecond: Double
    /// Migration time over plain parse time, both with `workers` threads.
    public var ratio: Double
    /// The same two passes on one thread (nil when `workers` is 1).
    public var sequentialParseSeconds: Double?
    public var sequentialMigrateSeconds: Double?
    /// The budget for the migration of all files, in seconds (2 s for 10 000 files).
    public var budgetSeconds: Double
    public var withinBudget: Bool
    /// Files that failed to migrate in any pass (should be 0).
    public var failures: Int
  }

  /// Generates `count` v1 files in a temporary folder, times a plain parse of them and their
  /// migration into a fresh folder per pass, with `workers` threads and (when more than one)
  /// with one thread (the best of `iterations` runs each), removes the folder.
  /// - Parameter parent: where to make the folder; the system temporary folder when nil.
  public static func run(
    count: Int, seed: UInt64 = 7, iterations: Int = 1, workers: Int = ParallelMap.defaultWorkers, in parent: String? = nil
  ) throws -> Report {
    let workers = max(1, workers)
    let fm = FileManager.default
    let base = parent.map { URL(fileURLWithPath: $0) } ?? fm.temporaryDirectory
    let dir = base.appendingPathComponent("registry-bench-\(UInt32.random(in: 0...UInt32.max))")
    let out = dir.appendingPathComponent("v2")
    try fm.createDirectory(at: out, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: dir) }
    var gen = SyntheticRecipes(seed: seed)
    var paths: [String] = []
    var bytes = 0
    for i in 0..<count {
      let text = gen.v1Recipe(name: "bench-\(i)")
      let p = dir.appendingPathComponent("r\(i).yaml").path
      guard RecipeFiles.write(text, to: p) else { throw CocoaError(.fileWriteUnknown) }
      paths.append(p)
      bytes += text.utf8.count
    }
    let files = paths
    func parse(_ workers: Int) -> Double {
      BenchTimer.best(of: iterations) {
        let sizes = ParallelMap.map(count: count, workers: workers) { k in
          guard let b = RecipeFiles.read(files[k]), let doc = try? YAML.parse(b) else { return -1 }
          return doc.root.mapping?.count ?? 0
        }
        precondition(sizes.count == count)
      }
    }
    // Each timed pass writes into a fresh folder: replacing files would add the removal of
    // the old ones to the time.
    var failures = 0
    var passes = 0
    func migrate(_ workers: Int) throws -> (wall: Double, user: Double, system: Double) {
      let batch = ConversionBatch(from: .sglangV1, to: .v2, skipOtherFormats: true, workers: workers)
      var best = (wall: Double.infinity, user: 0.0, system: 0.0)
      for _ in 0..<max(iterations, 1) {
        passes += 1
        let outDir = out.appendingPathComponent("\(passes)").path
        try fm.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        let jobs: [ConversionBatch.Job] = (0..<count).map { (file: files[$0], destination: .file(outDir + "/r\($0).yaml")) }
        let before = cpuSeconds()
        let wall = BenchTimer.time { failures = max(failures, batch.run(jobs).count { $0?.written == nil }) }
        let after = cpuSeconds()
        if wall < best.wall { best = (wall, after.user - before.user, after.system - before.system) }
      }
      return best
    }
    let ps = parse(workers)
    let m = try migrate(workers)
    let ms = m.wall
    let sequential = workers > 1 ? (parse(1), try migrate(1).wall) : nil
    let budget = 2.0 * Double(count) / 10_000
    return Report(
      files: count, bytes: bytes, workers: workers, parseSeconds: ps, migrateSeconds: ms,
      migrateUserSeconds: m.user, migrateSystemSeconds: m.system,
      parseFilesPerSecond: Double(count) / ps, migrateFilesPerSecond: Double(count) / ms,
      ratio: ms / ps, sequentialParseSeconds: sequential?.0, sequentialMigrateSeconds: sequential?.1,
      budgetSeconds: budget, withinBudget: ms <= budget, failures: failures)
  }

  /// CPU seconds the process has used so far, in user space and in the kernel.
  static func cpuSeconds() -> (user: Double, system: Double) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return (seconds(usage.ru_utime), seconds(usage.ru_stime))
  }
}
