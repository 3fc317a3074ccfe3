import Foundation
import Migrate
import Schema
import Synchronization
import TestSupport
import Testing

/// `ConversionBatch` (the runner of `registry convert` / `registry migrate` on files and
/// folders): several workers give exactly the one-worker result, in input order, and that is
/// what `ConvertFrontend` gives file by file.
@Suite struct ConversionBatchTests {
  /// The v1 and v2 fixtures and the corpus (read in place), as a folder run lists them.
  static func inputs() -> [String] {
    var missing: [String] = []
    var roots = [
      PackageRoot.path("Tests/SchemaTests/Fixtures/v1"),
      PackageRoot.path("Tests/SchemaTests/Fixtures/v2"),
    ]
    if Corpus.skipReason == nil { roots.append(Corpus.root) }
    return RecipeFiles.list(roots, missing: &missing)
  }

  static func tempDir() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "batch-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func parallelMapKeepsIndexOrder() {
    let expected = (0..<1_000).map { $0 * 7 % 13 }
    for workers in [1, 2, 3, 8] {
      #expect(ParallelMap.map(count: 1_000, workers: workers) { $0 * 7 % 13 } == expected)
    }
    #expect(ParallelMap.map(count: 0, workers: 4) { $0 }.isEmpty)
  }

  struct Stop: Error, Equatable { let at: Int }

  /// Each worker makes one context and threads it through its calls; the first error stops
  /// the map and is what it throws.
  @Test func parallelMapWithContextsAndErrors() throws {
    for workers in [1, 2, 4] {
      let contexts = Atomic<Int>(0)
      let seen = try ParallelMap.map(
        count: 500, workers: workers,
        context: { () throws(Stop) -> [Int] in
          contexts.add(1, ordering: .relaxed)
          return []
        }
      ) { (mine: inout [Int], k: Int) throws(Stop) -> Int in
        mine.append(k)
        return mine.count
      }
      // Calls per worker count up from 1 in its own context (a worker that found no work left
      // made a context and no call); at most one context per worker.
      let firsts = seen.filter { $0 == 1 }.count
      #expect(seen.count == 500 && firsts >= 1 && firsts <= contexts.load(ordering: .relaxed))
      #expect(workers > 1 || seen == Array(1...500))
      #expect(contexts.load(ordering: .relaxed) <= workers)
      do throws(Stop) {
        let all: [Int] = try ParallelMap.map(
          count: 500, workers: workers, context: { () throws(Stop) in () }
        ) {
          (_: inout Void, k: Int) throws(Stop) -> Int in
          if k == 137 { throw Stop(at: k) }
          return k
        }
        #expect(all.isEmpty, "no error thrown")
      } catch {
        #expect(error == Stop(at: 137))
      }
    }
  }

  /// Counts the instances alive, so that a test sees values released.
  final class Tracked: Sendable {
    static let alive = Atomic<Int>(0)
    let k: Int
    init(_ k: Int) {
      self.k = k
      Self.alive.add(1, ordering: .relaxed)
    }
    deinit { Self.alive.add(-1, ordering: .relaxed) }
  }

  /// With `order`, the indices are taken in that order and the values still come back in
  /// index order; when a call fails, the values already made are released.
  @Test func parallelMapTakesIndicesInTheGivenOrder() {
    let order = (0..<600).map { ($0 * 337) % 600 }  // a permutation (337 is prime to 600)
    #expect(Set(order).count == 600)
    for workers in [1, 2, 4] {
      let values = ParallelMap.map(
        count: 600, workers: workers, order: order, context: { () -> [Int] in [] }
      ) { (taken: inout [Int], k: Int) -> [Int] in
        taken.append(k)
        return taken
      }
      #expect(values.indices.allSatisfy { values[$0].last == $0 })
      // Each worker took its indices in the given order.
      let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
      for v in values {
        #expect(zip(v, v.dropFirst()).allSatisfy { rank[$0]! < rank[$1]! })
      }
      if workers == 1 { #expect(values[order.last!] == order) }
      let before = Tracked.alive.load(ordering: .relaxed)
      do throws(Stop) {
        let made: [Tracked] = try ParallelMap.map(
          count: 600, workers: workers, order: order, context: { () throws(Stop) in () }
        ) { (_: inout Void, k: Int) throws(Stop) -> Tracked in
          if k == order[450] { throw Stop(at: k) }
          return Tracked(k)
        }
        #expect(made.isEmpty, "no error thrown")
      } catch {
        #expect(error == Stop(at: order[450]))
      }
      #expect(Tracked.alive.load(ordering: .relaxed) == before)
    }
  }

  @Test func migrateDiffWithManyWorkersEqualsOneWorker() {
    let files = Self.inputs()
    #expect(files.count > 20)
    let jobs: [ConversionBatch.Job] = files.map { (file: $0, destination: .diff) }
    var batch = ConversionBatch(
      from: .sglangV1, to: .v2, verify: true, skipOtherFormats: true, workers: 1)
    let sequential = batch.run(jobs)
    batch.workers = 4
    let parallel = batch.run(jobs)
    #expect(parallel == sequential)
    // In input order, some left out (other formats), some converted, some diffs.
    let kept = parallel.compactMap { $0 }
    #expect(kept.map(\.file) == files.filter { f in kept.contains { $0.file == f } })
    #expect(kept.count < files.count)
    #expect(kept.contains { $0.converted && $0.printed?.hasPrefix("--- ") == true })
    #expect(kept.allSatisfy { !$0.converted || $0.verified == true })
  }

  @Test func convertToFilesWithManyWorkersWritesWhatTheFrontendGives() throws {
    let files = Self.inputs()
    let a = try Self.tempDir()
    let b = try Self.tempDir()
    defer {
      try? FileManager.default.removeItem(atPath: a)
      try? FileManager.default.removeItem(atPath: b)
    }
    func jobs(_ dir: String) -> [ConversionBatch.Job] {
      files.enumerated().map {
        (file: $1, destination: ConversionBatch.Destination.file(dir + "/out/\($0).yaml"))
      }
    }
    let one = ConversionBatch(from: nil, to: .v2, allowLoss: true, workers: 1).run(jobs(a))
    let many = ConversionBatch(from: nil, to: .v2, allowLoss: true, workers: 3).run(jobs(b))
    #expect(one.count == files.count && many.count == files.count)
    var written = 0
    for (k, file) in files.enumerated() {
      guard let r1 = one[k], let r2 = many[k] else {
        Issue.record("\(file) left out")
        continue
      }
      #expect(r1.file == file && r2.file == file)
      #expect(r1.diagnostics == r2.diagnostics && r1.losses == r2.losses && r1.text == r2.text)
      #expect(r1.converted == r2.converted && r1.failed == r2.failed)
      #expect((r1.written != nil) == (r2.written != nil))
      let expected = ConvertFrontend.convert(
        bytes: RecipeFiles.read(file) ?? [], file: file, to: .v2)
      #expect(r1.text == (r1.converted ? expected.text : ""))
      guard r1.written != nil else { continue }
      written += 1
      let t1 = Paths.read(a + "/out/\(k).yaml")
      let t2 = Paths.read(b + "/out/\(k).yaml")
      #expect(t1 == expected.text && t2 == expected.text, "\(file)")
    }
    // The fixtures alone give 11 files that convert; the shared corpus, where present, many more.
    if let reason = Corpus.skipReason { print("fixtures only, the corpus is not read: \(reason)") }
    #expect(written > (Corpus.skipReason == nil ? 20 : 10))
    // Again over the outputs (replaced, as --in-place does): the same files.
    let again = ConversionBatch(from: nil, to: .v2, allowLoss: true, workers: 3).run(jobs(b))
    #expect(again == many)
    for (k, r) in one.enumerated() where r?.written != nil {
      #expect(Paths.read(b + "/out/\(k).yaml") == r?.text)
    }
    // Nothing but the outputs: no temporary file is left behind.
    let left = try FileManager.default.contentsOfDirectory(atPath: b + "/out")
    #expect(left.count == written && !left.contains { $0.hasPrefix(".") })
  }

  @Test func writeAtomicallyCreatesReplacesAndMakesFolders() throws {
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/a/b/recipe.yaml"
    try RecipeFiles.writeAtomically("one: 1\n", to: path)
    #expect(Paths.read(path) == "one: 1\n")
    try RecipeFiles.writeAtomically("two: 2\n", to: path)
    #expect(Paths.read(path) == "two: 2\n")
    try RecipeFiles.writeAtomically("", to: dir + "/empty.yaml")
    #expect(RecipeFiles.read(dir + "/empty.yaml") == [])
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/a/b") == ["recipe.yaml"])
    #expect(throws: (any Error).self) {
      try RecipeFiles.writeAtomically("x", to: dir + "/empty.yaml/inside")
    }
    #expect(RecipeFiles.read(dir + "/a") == nil)
  }
}
