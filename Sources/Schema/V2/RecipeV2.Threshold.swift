extension RecipeV2 {
  /// A named benchmark limit: `thresholds: {ttft_ms: 2000}`.
  public struct Threshold: Sendable, Hashable {
    public var name: String
    public var value: Double

    public init(_ name: String, _ value: Double) {
      self.name = name
      self.value = value
    }
  }
}
