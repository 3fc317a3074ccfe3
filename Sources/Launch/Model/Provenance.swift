/// The origin of one flag or environment variable of a process.
public struct Provenance: Sendable, Hashable, Codable {
  /// The flag as written in argv (`--tp-size`) or `env:NAME` for an environment variable.
  public var key: String
  public var origin: ValueOrigin

  public init(_ key: String, _ origin: ValueOrigin) {
    self.key = key
    self.origin = origin
  }
}
