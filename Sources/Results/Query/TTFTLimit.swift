/// A latency condition such as `<2s`, `<=500ms` or `p99<1.5s`: a statistic (default mean,
/// which every tool reports), a comparison and a limit in ms.
public struct LatencyLimit: Sendable, Hashable, CustomStringConvertible {
  /// The statistic compared.
  public var statistic: LatencyStats.Statistic
  /// The limit, ms.
  public var limitMs: Double
  /// Whether the limit itself qualifies (`<=`).
  public var inclusive: Bool

  /// Parses `[mean|p50|p90|p99]<|<=NUMBER[ms|s]` (no unit: ms).
  /// - Throws: ``ResultError`` `.invalidRequest` with what is accepted.
  public init(parsing text: String) throws(ResultError) {
    var rest = Substring(text.filter { $0 != " " }.lowercased())
    var statistic = LatencyStats.Statistic.mean
    for s in LatencyStats.Statistic.allCases where rest.hasPrefix(s.rawValue) {
      statistic = s
      rest = rest.dropFirst(s.rawValue.count)
    }
    let inclusive = rest.hasPrefix("<=")
    guard rest.hasPrefix("<") else { throw Self.bad(text) }
    rest = rest.dropFirst(inclusive ? 2 : 1)
    var scale = 1.0
    if rest.hasSuffix("ms") {
      rest = rest.dropLast(2)
    } else if rest.hasSuffix("s") {
      rest = rest.dropLast()
      scale = 1000
    }
    guard let value = Double(rest), value.isFinite, value > 0 else { throw Self.bad(text) }
    self.statistic = statistic
    self.limitMs = value * scale
    self.inclusive = inclusive
  }

  private static func bad(_ text: String) -> ResultError {
    ResultError(
      .invalidRequest, file: "", "'\(text)' is not a latency limit",
      hint: "write '<2s', '<=500ms' or 'p99<1.5s' (statistic mean, p50, p90 or p99; default mean)")
  }

  /// Whether `stats` meets the limit (a missing statistic does not).
  public func admits(_ stats: LatencyStats) -> Bool {
    guard let v = stats.value(statistic) else { return false }
    return inclusive ? v <= limitMs : v < limitMs
  }

  /// `TTFT mean < 2000 ms`-style text, without the metric name.
  public var description: String {
    "\(statistic.rawValue) \(inclusive ? "<=" : "<") \(ResultTable.format(limitMs)) ms"
  }
}
