internal import Dispatch
internal import Foundation
import Synchronization

/// Maps indices to values on several threads and returns the values in index order, so that
/// the result does not depend on the worker count.
public enum ParallelMap {
  /// One worker per active core.
  public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// `body(0) … body(count - 1)` on up to `workers` threads, in index order.
  ///
  /// Workers take the next small batch of indices until none is left, so a slow item or a
  /// busy core does not leave the other workers idle. With one worker (or one item) it runs on
  /// the calling thread.
  public static func map<T: Sendable>(
    count: Int, workers: Int = defaultWorkers, _ body: @Sendable (Int) -> T
  ) -> [T] {
    map(count: count, workers: workers, context: {}, { _, k in body(k) })
  }

  /// `body(&context, k)` for every index on up to `workers` threads, in index order; each
  /// worker first makes its own context (e.g. a repository handle, which must not be shared
  /// across threads) and passes it to every call it makes.
  ///
  /// - Throws: the first error of `context` or `body`; the other workers then stop at their
  ///   next batch and no result is returned.
  public static func map<Context, T: Sendable, E: Error>(
    count: Int, workers: Int = defaultWorkers, context: @Sendable () throws(E) -> Context,
    _ body: @Sendable (inout Context, Int) throws(E) -> T
  ) throws(E) -> [T] {
    let n = max(1, min(workers, count))
    if n == 1 {
      var c = try context()
      var out: [T] = []
      out.reserveCapacity(count)
      for k in 0..<count { out.append(try body(&c, k)) }
      return out
    }
    let batch = max(1, min(16, count / (n * 8)))
    let next = Atomic<Int>(0)
    let parts = Mutex<[[(Int, T)]]>([])
    let failure = Mutex<E?>(nil)
    DispatchQueue.concurrentPerform(iterations: n) { _ in
      do throws(E) {
        var c = try context()
        var out: [(Int, T)] = []
        while failure.withLock({ $0 == nil }) {
          let start = next.add(batch, ordering: .relaxed).oldValue
          if start >= count { break }
          for k in start..<min(start + batch, count) { out.append((k, try body(&c, k))) }
        }
        parts.withLock { $0.append(out) }
      } catch {
        failure.withLock { if $0 == nil { $0 = error } }
      }
    }
    if let error = failure.withLock({ $0 }) { throw error }
    // Every index was done by exactly one worker: move each value into its place (popping
    // moves it out of the worker's list, so nothing is copied or retained again).
    var all = parts.withLock { p in
      defer { p = [] }
      return p
    }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      for w in all.indices {
        while let (k, v) = all[w].popLast() { (buffer.baseAddress! + k).initialize(to: v) }
      }
      initialized = count
    }
  }
}
