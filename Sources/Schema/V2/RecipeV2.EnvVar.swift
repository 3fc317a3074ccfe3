extension RecipeV2 {
  /// One environment variable; a nil value (YAML `null`) unsets an inherited one.
  public struct EnvVar: Sendable, Hashable {
    public var name: String
    public var value: String?

    public init(_ name: String, _ value: String?) {
      self.name = name
      self.value = value
    }
  }
}
