/// The origin of one flag or environment variable of a process.
public struct Provenance: Sendable, Hashable, Codable {
  /// The flag as written in argv (`--tp-size`) or `env:NAME` for an environment variable.
  public var key: String
  /// Where the value came from.
  public var origin: ValueOrigin

  /// The origin of the flag or `env:NAME` `key`.
  public init(_ key: String, _ origin: ValueOrigin) {
    self.key = key
    self.origin = origin
  }
}
