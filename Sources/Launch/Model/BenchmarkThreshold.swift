/// One pass/fail limit on a benchmark result: the recipe's `benchmark.thresholds` entry
/// `name: limit`, checked against the result file's `key`.
///
/// Latencies (`ttft_ms`, `itl_ms`: key `mean_ttft_ms`, ...) are maxima; throughputs (a name
/// with `throughput`) are minima.
public struct BenchmarkThreshold: Sendable, Hashable, Codable {
  /// The name as the recipe writes it (`ttft_ms`).
  public var name: String
  /// The result file key checked (`mean_ttft_ms`).
  public var key: String
  /// The limit.
  public var limit: Double
  /// Whether the value must be at least the limit (throughputs); else at most (latencies).
  public var isMinimum: Bool

  /// The limit `name` on the result key `key`.
  public init(name: String, key: String, limit: Double, isMinimum: Bool) {
    self.name = name
    self.key = key
    self.limit = limit
    self.isMinimum = isMinimum
  }

  /// The threshold the recipe entry `name: limit` means: a name that already names a statistic
  /// (`mean_`, `median_`, `p99_`, ...) or a throughput is the key itself; a latency gets `mean_`.
  public init(recipeName name: String, limit: Double) {
    let statistics = ["mean_", "median_", "std_", "p50_", "p90_", "p95_", "p99_", "p999_"]
    let isThroughput = name.contains("throughput")
    let key =
      statistics.contains(where: name.hasPrefix) || isThroughput || !name.hasSuffix("_ms")
      ? name : "mean_" + name
    self.init(name: name, key: key, limit: limit, isMinimum: isThroughput)
  }
}
