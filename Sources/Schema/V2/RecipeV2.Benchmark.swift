extension RecipeV2 {
  /// The benchmark that proves a recipe.
  public struct Benchmark: Sendable, Hashable {
    /// The benchmark tool or type: `sa-bench`, `aiperf`, `llama-benchy`, `gsm8k`, ...
    public var tool: String
    /// Input sequence length in tokens.
    public var isl: Int?
    /// Output sequence length in tokens.
    public var osl: Int?
    /// The client concurrencies to run at.
    public var concurrencies: [Int]
    /// The request rate, if limited.
    public var requestRate: RequestRate?
    /// Pass/fail limits by name (`ttft_ms`, `itl_ms`), in source order.
    public var thresholds: [Threshold]
    /// Anything else the tool takes, kept structurally (a mapping or list).
    public var args: YAMLNode?

    /// A benchmark of `tool`; every other field is optional.
    public init(
      tool: String, isl: Int? = nil, osl: Int? = nil, concurrencies: [Int] = [],
      requestRate: RequestRate? = nil, thresholds: [Threshold] = [], args: YAMLNode? = nil
    ) {
      self.tool = tool
      self.isl = isl
      self.osl = osl
      self.concurrencies = concurrencies
      self.requestRate = requestRate
      self.thresholds = thresholds
      self.args = args
    }
  }
}
