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
  public static func map<T: Sendable>(count: Int, workers: Int = defaultWorkers, _ body: @Sendable (Int) -> T) -> [T] {
    let n = max(1, min(workers, count))
    if n == 1 { return (0..<count).map(body) }
    let batch = max(1, min(16, count / (n * 8)))
    let next = Atomic<Int>(0)
    let parts = Mutex<[[(Int, T)]]>([])
    DispatchQueue.concurrentPerform(iterations: n) { _ in
      var out: [(Int, T)] = []
      while true {
        let start = next.add(batch, ordering: .relaxed).oldValue
        if start >= count { break }
        for k in start..<min(start + batch, count) { out.append((k, body(k))) }
      }
      parts.withLock { $0.append(out) }
    }
    var slots = [T?](repeating: nil, count: count)
    for part in parts.withLock({ $0 }) {
      for (k, v) in part { slots[k] = v }
    }
    return slots.map { $0! }
  }
}
