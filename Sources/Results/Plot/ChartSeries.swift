/// One line of a chart: a label (a recipe, or a recipe at a pin) and its points.
public struct ChartSeries: Sendable, Hashable {
  /// The legend text.
  public var label: String
  /// The points, drawn in this order (by concurrency).
  public var points: [Point]

  /// One drawn point: a workload point's latency (x, ms) and throughput (y).
  public struct Point: Sendable, Hashable {
    /// Latency, ms.
    public var x: Double
    /// Throughput.
    public var y: Double
    /// The concurrency (the point's label), if known.
    public var concurrency: Int?

    /// A point at (`x`, `y`).
    public init(x: Double, y: Double, concurrency: Int?) {
      self.x = x
      self.y = y
      self.concurrency = concurrency
    }
  }

  /// A series of `points` named `label`.
  public init(label: String, points: [Point]) {
    self.label = label
    self.points = points
  }

  /// What goes on each axis.
  public struct Axes: Sendable, Hashable {
    /// The latency on x.
    public var latency: Latency
    /// The statistic of that latency.
    public var statistic: LatencyStats.Statistic
    /// Per GPU (true) or total output tokens/s on y.
    public var perGPU: Bool

    /// The latencies a chart can put on x.
    public enum Latency: String, Sendable, Hashable, CaseIterable {
      case ttft, tpot, itl, e2e
    }

    /// Axes with the given choices (default: TTFT mean vs output tokens/s per GPU).
    public init(
      latency: Latency = .ttft, statistic: LatencyStats.Statistic = .mean, perGPU: Bool = true
    ) {
      self.latency = latency
      self.statistic = statistic
      self.perGPU = perGPU
    }

    /// The x axis title.
    public var xTitle: String { "\(latency.rawValue.uppercased()) \(statistic.rawValue) (ms)" }
    /// The y axis title.
    public var yTitle: String { perGPU ? "output tokens/s per GPU" : "output tokens/s" }

    /// A record's point on these axes, nil when it lacks either figure.
    public func point(_ r: ResultRecord) -> Point? {
      let f = r.figures
      let stats: LatencyStats =
        switch latency {
        case .ttft: f.ttft
        case .tpot: f.tpot
        case .itl: f.itl
        case .e2e: f.e2e
        }
      guard let x = stats.value(statistic),
        let y = perGPU ? f.outputTokensPerSPerGPU : f.outputTokensPerS
      else { return nil }
      return Point(x: x, y: y, concurrency: r.workload.concurrency)
    }

    /// One series per label: the records' points on these axes, ordered by concurrency.
    public func series(_ records: [(label: String, records: [ResultRecord])]) -> [ChartSeries] {
      records.map { entry in
        let points = entry.records.compactMap(point).sorted {
          ($0.concurrency ?? Int.max, $0.x) < ($1.concurrency ?? Int.max, $1.x)
        }
        return ChartSeries(label: entry.label, points: points)
      }
    }
  }
}
