extension RecipeV2 {
  /// A named benchmark limit: `thresholds: {ttft_ms: 2000}`.
  public struct Threshold: Sendable, Hashable {
    /// The limit's name (`ttft_ms`, `itl_ms`).
    public var name: String
    /// The limit.
    public var value: Double

    /// The limit `name` at `value`.
    public init(_ name: String, _ value: Double) {
      self.name = name
      self.value = value
    }
  }
}
