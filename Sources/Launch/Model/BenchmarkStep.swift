/// The benchmark run after all readiness checks passed: one run per concurrency.
///
/// Per concurrency `C` a run gets `argv`, then each of ``scaledFlags`` with `C × multiplier`
/// (the prompt count, as srt-slurm's sa-bench computes it: `C × num_prompts_mult`), then
/// `concurrencyFlag C`, then ``resultFileFlag`` with ``resultFile(concurrency:)`` (a file name
/// in the directory the tool runs in: `$RUN_DIR/benchmark` for the shell and SLURM scripts).
public struct BenchmarkStep: Sendable, Hashable, Codable {
  /// The benchmark tool and its arguments, without the per-concurrency flags.
  public var argv: [String]
  /// The flag that takes the concurrency (`--max-concurrency`).
  public var concurrencyFlag: String
  /// The concurrencies to run, in order.
  public var concurrencies: [Int]
  /// The environment of the benchmark tool.
  public var env: [EnvVar]
  /// The container image, for container targets.
  public var image: String?
  /// Flags whose value is the concurrency times a multiplier (`--num-prompts`), in order.
  public var scaledFlags: [ScaledFlag]
  /// The flag that takes the result file path (`--output-file`), if the tool writes one.
  public var resultFileFlag: String?
  /// The number of requests a run sends when it is fixed (`num_prompts`); nil when it scales.
  public var fixedPrompts: Int?
  /// The limits a result must meet; checked only when the tool writes a result file.
  public var thresholds: [BenchmarkThreshold]

  /// A flag whose value is the concurrency times `multiplier`.
  public struct ScaledFlag: Sendable, Hashable, Codable {
    /// The flag, such as `--num-prompts`.
    public var flag: String
    /// The factor the concurrency is multiplied by.
    public var multiplier: Int

    /// The flag `flag` taking `C × multiplier`.
    public init(_ flag: String, multiplier: Int) {
      self.flag = flag
      self.multiplier = multiplier
    }
  }
  /// The container the benchmark runs in, as the plan's runtime runs it, if decided.
  public var container: ProcessContainer?

  /// A benchmark step with the given parts.
  public init(
    argv: [String], concurrencyFlag: String = "--max-concurrency", concurrencies: [Int],
    env: [EnvVar] = [], image: String? = nil, scaledFlags: [ScaledFlag] = [],
    resultFileFlag: String? = nil, fixedPrompts: Int? = nil,
    thresholds: [BenchmarkThreshold] = [], container: ProcessContainer? = nil
  ) {
    self.argv = argv
    self.concurrencyFlag = concurrencyFlag
    self.concurrencies = concurrencies
    self.env = env
    self.image = image
    self.scaledFlags = scaledFlags
    self.resultFileFlag = resultFileFlag
    self.fixedPrompts = fixedPrompts
    self.thresholds = thresholds
    self.container = container
  }

  /// The full argv of the run at one concurrency.
  public func argv(concurrency: Int) -> [String] {
    var out = argv
    for s in scaledFlags { out += [s.flag, String(concurrency * s.multiplier)] }
    out += [concurrencyFlag, String(concurrency)]
    if let f = resultFileFlag { out += [f, resultFile(concurrency: concurrency)] }
    return out
  }

  /// The result file of the run at one concurrency, relative to the directory the tool runs
  /// in (`$RUN_DIR/benchmark` for scripts; a bare name, so no directory has to exist).
  public func resultFile(concurrency: Int) -> String {
    "results_concurrency_\(concurrency).json"
  }

  /// The number of requests the run at one concurrency sends, if known.
  public func prompts(concurrency: Int) -> Int? {
    if let fixedPrompts { return fixedPrompts }
    return scaledFlags.first { $0.flag == "--num-prompts" }.map { concurrency * $0.multiplier }
  }
}

// MARK: - Codable

extension BenchmarkStep {
  private enum CodingKeys: String, CodingKey {
    case argv, concurrencyFlag, concurrencies, env, image, scaledFlags, resultFileFlag
    case fixedPrompts, thresholds, container
  }

  /// Decodes a step; the per-concurrency parts are optional (plans written before them).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      argv: try c.decode([String].self, forKey: .argv),
      concurrencyFlag: try c.decode(String.self, forKey: .concurrencyFlag),
      concurrencies: try c.decode([Int].self, forKey: .concurrencies),
      env: try c.decodeIfPresent([EnvVar].self, forKey: .env) ?? [],
      image: try c.decodeIfPresent(String.self, forKey: .image),
      scaledFlags: try c.decodeIfPresent([ScaledFlag].self, forKey: .scaledFlags) ?? [],
      resultFileFlag: try c.decodeIfPresent(String.self, forKey: .resultFileFlag),
      fixedPrompts: try c.decodeIfPresent(Int.self, forKey: .fixedPrompts),
      thresholds: try c.decodeIfPresent([BenchmarkThreshold].self, forKey: .thresholds) ?? [],
      container: try c.decodeIfPresent(ProcessContainer.self, forKey: .container))
  }
}
