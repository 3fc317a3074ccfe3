internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif
import Schema

/// `registry bench migrate`: plain parse of N generated v1 files vs their full v1 → v2
/// migration (parse + convert + emit + write), timed in the same process.
public enum MigrationBench {
  public struct Report: Sendable, Codable {
    public var files: Int
    public var bytes: Int
    public var parseSeconds: Double
    public var migrateSeconds: Double
    public var parseFilesPerSecond: Double
    public var migrateFilesPerSecond: Double
    /// Migration time over plain parse time.
    public var ratio: Double
    /// The budget for the migration of all files, in seconds (2 s for 10 000 files).
    public var budgetSeconds: Double
    public var withinBudget: Bool
    /// Files that failed to migrate (should be 0).
    public var failures: Int
  }

  /// Writes a file with plain POSIX calls (no fsync: the bench times the work, not the disk).
  static func writeFile(_ text: String, _ path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var text = text
    return text.withUTF8 { buf in
      var done = 0
      while done < buf.count {
        let n = write(fd, buf.baseAddress! + done, buf.count - done)
        if n <= 0 { return false }
        done += n
      }
      return true
    }
  }

  /// Generates `count` v1 files in a temporary folder, times both passes (the best of
  /// `iterations` runs each), removes the folder.
  public static func run(count: Int, seed: UInt64 = 7, iterations: Int = 1) throws -> Report {
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("registry-bench-\(UInt32.random(in: 0...UInt32.max))")
    let out = dir.appendingPathComponent("v2")
    try fm.createDirectory(at: out, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: dir) }
    var gen = SyntheticRecipes(seed: seed)
    var paths: [String] = []
    var bytes = 0
    for i in 0..<count {
      let text = gen.v1Recipe(name: "bench-\(i)")
      let p = dir.appendingPathComponent("r\(i).yaml").path
      guard writeFile(text, p) else { throw CocoaError(.fileWriteUnknown) }
      paths.append(p)
      bytes += text.utf8.count
    }
    var sink = 0
    let ps = BenchTimer.best(of: iterations) {
      for p in paths {
        guard let b = RecipeFiles.read(p), let doc = try? YAML.parse(b) else { continue }
        sink &+= doc.root.mapping?.count ?? 0
      }
    }
    var failures = 0
    let outDir = out.path
    let ms = BenchTimer.best(of: iterations) {
      failures = 0
      for (i, p) in paths.enumerated() {
        guard let b = RecipeFiles.read(p) else { failures += 1; continue }
        let o = ConvertFrontend.convert(bytes: b, file: p, from: .sglangV1, to: .v2)
        guard o.succeeded else { failures += 1; continue }
        if !writeFile(o.text, outDir + "/r\(i).yaml") { failures += 1 }
      }
    }
    let budget = 2.0 * Double(count) / 10_000
    return Report(
      files: count, bytes: bytes, parseSeconds: ps, migrateSeconds: ms,
      parseFilesPerSecond: Double(count) / ps, migrateFilesPerSecond: Double(count) / ms,
      ratio: ms / ps, budgetSeconds: budget, withinBudget: ms <= budget && sink >= 0, failures: failures)
  }
}
