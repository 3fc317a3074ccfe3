/// One environment variable of a process, in the order the recipe gave it.
public struct EnvVar: Sendable, Hashable, Codable {
  /// The variable name; must match `[A-Za-z_][A-Za-z0-9_]*`.
  public var name: String
  /// The value, byte-exact.
  public var value: String

  /// The variable `name` set to `value`.
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}
