/// Wall-clock timing for the `registry bench` commands: one run, or the best of several.
public enum BenchTimer {
  /// A duration in seconds.
  public static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }

  /// The seconds one run of `body` takes.
  public static func time(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    return seconds(ContinuousClock.now - start)
  }

  /// The fastest of `iterations` runs of `body` (at least one), in seconds.
  public static func best(of iterations: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<max(iterations, 1) { best = min(best, try time(body)) }
    return best
  }
}
