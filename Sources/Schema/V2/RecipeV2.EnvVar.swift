extension RecipeV2 {
  /// One environment variable; a nil value (YAML `null`) unsets an inherited one.
  public struct EnvVar: Sendable, Hashable {
    /// The variable name.
    public var name: String
    /// The value; nil (null) removes an inherited variable.
    public var value: String?

    /// The variable `name` set to `value` (nil: removed).
    public init(_ name: String, _ value: String?) {
      self.name = name
      self.value = value
    }
  }
}
