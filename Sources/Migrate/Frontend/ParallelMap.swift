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
  /// - Parameter order: the order in which the indices are taken (a permutation of
  ///   `0..<count`, e.g. the order their inputs are cheapest to read in); the values are
  ///   still returned in index order. Index order when nil.
  /// - Throws: the first error of `context` or `body`; the other workers then stop at their
  ///   next batch and no result is returned.
  public static func map<Context, T: Sendable, E: Error>(
    count: Int, workers: Int = defaultWorkers, order: [Int]? = nil,
    context: @Sendable () throws(E) -> Context,
    _ body: @Sendable (inout Context, Int) throws(E) -> T
  ) throws(E) -> [T] {
    precondition(order == nil || order!.count == count, "order is a permutation of the indices")
    let n = max(1, min(workers, count))
    // Each value is put straight into its place in the result (no per-worker lists, no copy
    // or reordering after the work): every index is done by exactly one worker.
    var failure: E?
    let result = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      if count == 0 { return }
      nonisolated(unsafe) let slots = buffer.baseAddress!
      if n == 1 {
        var j = 0
        do throws(E) {
          var c = try context()
          while j < count {
            let k = order?[j] ?? j
            (slots + k).initialize(to: try body(&c, k))
            j += 1
          }
          initialized = count
        } catch {
          failure = error
          for f in 0..<j { (slots + (order?[f] ?? f)).deinitialize(count: 1) }
          initialized = 0
        }
        return
      }
      let batch = max(1, min(16, count / (n * 8)))
      let next = Atomic<Int>(0)
      // The positions (in `order`) each worker filled, so that a failure can release them.
      let filled = Mutex<[Range<Int>]>([])
      let firstError = Mutex<E?>(nil)
      DispatchQueue.concurrentPerform(iterations: n) { _ in
        var done: [Range<Int>] = []
        do throws(E) {
          var c = try context()
          while firstError.withLock({ $0 == nil }) {
            let start = next.add(batch, ordering: .relaxed).oldValue
            if start >= count { break }
            let end = min(start + batch, count)
            for j in start..<end {
              let k = order?[j] ?? j
              do throws(E) {
                (slots + k).initialize(to: try body(&c, k))
              } catch {
                done.append(start..<j)
                throw error
              }
            }
            done.append(start..<end)
          }
        } catch {
          firstError.withLock { if $0 == nil { $0 = error } }
        }
        filled.withLock { $0 += done }
      }
      if let e = firstError.withLock({ $0 }) {
        failure = e
        for range in filled.withLock({ $0 }) {
          for j in range { (slots + (order?[j] ?? j)).deinitialize(count: 1) }
        }
        initialized = 0
      } else {
        initialized = count
      }
    }
    if let failure { throw failure }
    return result
  }
}
