/// One latency figure of a benchmark run, in milliseconds: its mean and percentiles.
///
/// `p50` is the median (tools call it `median_*`, `p50`); a tool that does not report a
/// statistic leaves it nil, never a guess (a mean is not a median).
public struct LatencyStats: Sendable, Hashable, Codable {
  /// The mean, in ms.
  public var meanMs: Double?
  /// The median, in ms.
  public var p50Ms: Double?
  /// The 90th percentile, in ms.
  public var p90Ms: Double?
  /// The 99th percentile, in ms.
  public var p99Ms: Double?

  /// Statistics with the given values (ms).
  public init(
    meanMs: Double? = nil, p50Ms: Double? = nil, p90Ms: Double? = nil, p99Ms: Double? = nil
  ) {
    self.meanMs = meanMs
    self.p50Ms = p50Ms
    self.p90Ms = p90Ms
    self.p99Ms = p99Ms
  }

  /// Whether no statistic is known.
  public var isEmpty: Bool { meanMs == nil && p50Ms == nil && p90Ms == nil && p99Ms == nil }

  /// The statistic `name` (`mean`, `p50`, `p90`, `p99`), if known.
  public func value(_ statistic: Statistic) -> Double? {
    switch statistic {
    case .mean: meanMs
    case .p50: p50Ms
    case .p90: p90Ms
    case .p99: p99Ms
    }
  }

  /// The statistics a record keeps.
  public enum Statistic: String, Sendable, Hashable, CaseIterable {
    case mean, p50, p90, p99
  }

  private enum CodingKeys: String, CodingKey {
    case meanMs = "mean_ms"
    case p50Ms = "p50_ms"
    case p90Ms = "p90_ms"
    case p99Ms = "p99_ms"
  }
}
