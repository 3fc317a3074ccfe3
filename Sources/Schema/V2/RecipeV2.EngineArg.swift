extension RecipeV2 {
  /// One engine flag and its value: `args: {kv-cache-dtype: fp8_e4m3}`. The flag is written
  /// without leading `--` (a short flag keeps its single dash: `-tp`).
  public struct EngineArg: Sendable, Hashable {
    /// The flag as written (`--max-model-len`).
    public var flag: String
    /// The flag's value.
    public var value: ArgValue

    /// The arg `flag` with `value`.
    public init(_ flag: String, _ value: ArgValue) {
      self.flag = flag
      self.value = value
    }
  }
}
