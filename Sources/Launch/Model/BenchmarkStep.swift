/// The benchmark run after all readiness checks passed: one run per concurrency.
public struct BenchmarkStep: Sendable, Hashable, Codable {
  /// The benchmark tool and its arguments, without the concurrency flag.
  public var argv: [String]
  /// The flag that takes the concurrency (`--max-concurrency`).
  public var concurrencyFlag: String
  /// The concurrencies to run, in order.
  public var concurrencies: [Int]
  /// The environment of the benchmark tool.
  public var env: [EnvVar]
  /// The container image, for container targets.
  public var image: String?
  /// The container the benchmark runs in, as the plan's runtime runs it, if decided.
  public var container: ProcessContainer?

  /// A benchmark step with the given parts.
  public init(
    argv: [String], concurrencyFlag: String = "--max-concurrency", concurrencies: [Int],
    env: [EnvVar] = [], image: String? = nil, container: ProcessContainer? = nil
  ) {
    self.argv = argv
    self.concurrencyFlag = concurrencyFlag
    self.concurrencies = concurrencies
    self.env = env
    self.image = image
    self.container = container
  }

  /// The full argv of the run at one concurrency.
  public func argv(concurrency: Int) -> [String] {
    argv + [concurrencyFlag, String(concurrency)]
  }
}
