extension ResultRecord {
  /// What one workload point measured. Throughputs are per second of the benchmark's duration;
  /// per-GPU figures divide by ``Hardware/gpus``; latencies are in ms.
  public struct Figures: Sendable, Hashable, Codable {
    /// The benchmark's duration, seconds.
    public var durationS: Double?
    /// Completed requests per second.
    public var requestThroughputPerS: Double?
    /// Generated (output) tokens per second: the headline figure.
    public var outputTokensPerS: Double
    /// Input plus output tokens per second.
    public var totalTokensPerS: Double?
    /// ``requestThroughputPerS`` per GPU.
    public var requestThroughputPerSPerGPU: Double?
    /// ``outputTokensPerS`` per GPU.
    public var outputTokensPerSPerGPU: Double?
    /// ``totalTokensPerS`` per GPU.
    public var totalTokensPerSPerGPU: Double?
    /// Time to first token.
    public var ttft: LatencyStats
    /// Time per output token after the first (per request: (E2E - TTFT) / (tokens - 1)).
    public var tpot: LatencyStats
    /// Inter-token latency (between streamed tokens, over all gaps).
    public var itl: LatencyStats
    /// End-to-end request latency.
    public var e2e: LatencyStats
    /// Requests that completed.
    public var completed: Int?
    /// Requests that failed.
    public var failed: Int?
    /// Input tokens of the completed requests.
    public var inputTokens: Int?
    /// Tokens generated over the run.
    public var outputTokens: Int?

    /// Figures with the given values.
    public init(
      durationS: Double? = nil, requestThroughputPerS: Double? = nil, outputTokensPerS: Double,
      totalTokensPerS: Double? = nil, ttft: LatencyStats = LatencyStats(),
      tpot: LatencyStats = LatencyStats(), itl: LatencyStats = LatencyStats(),
      e2e: LatencyStats = LatencyStats(), completed: Int? = nil, failed: Int? = nil,
      inputTokens: Int? = nil, outputTokens: Int? = nil
    ) {
      self.durationS = durationS
      self.requestThroughputPerS = requestThroughputPerS
      self.outputTokensPerS = outputTokensPerS
      self.totalTokensPerS = totalTokensPerS
      self.ttft = ttft
      self.tpot = tpot
      self.itl = itl
      self.e2e = e2e
      self.completed = completed
      self.failed = failed
      self.inputTokens = inputTokens
      self.outputTokens = outputTokens
    }

    /// Sets the per-GPU throughputs from the totals and `gpus` (nil when unknown or zero).
    public mutating func dividePerGPU(by gpus: Int?) {
      guard let gpus, gpus > 0 else {
        requestThroughputPerSPerGPU = nil
        outputTokensPerSPerGPU = nil
        totalTokensPerSPerGPU = nil
        return
      }
      let n = Double(gpus)
      requestThroughputPerSPerGPU = requestThroughputPerS.map { $0 / n }
      outputTokensPerSPerGPU = outputTokensPerS / n
      totalTokensPerSPerGPU = totalTokensPerS.map { $0 / n }
    }

    private enum CodingKeys: String, CodingKey {
      case durationS = "duration_s"
      case requestThroughputPerS = "request_throughput_per_s"
      case outputTokensPerS = "output_tokens_per_s"
      case totalTokensPerS = "total_tokens_per_s"
      case requestThroughputPerSPerGPU = "request_throughput_per_s_per_gpu"
      case outputTokensPerSPerGPU = "output_tokens_per_s_per_gpu"
      case totalTokensPerSPerGPU = "total_tokens_per_s_per_gpu"
      case ttft = "ttft"
      case tpot = "tpot"
      case itl = "itl"
      case e2e = "e2e"
      case completed, failed
      case inputTokens = "input_tokens"
      case outputTokens = "output_tokens"
    }
  }
}
