/// How to tell a process is ready: an HTTP GET that must answer 200.
public struct ReadinessCheck: Sendable, Hashable, Codable {
  /// The URL path, such as `/health` or `/v1/models`.
  public var path: String
  /// The host to probe; `nil` means the process's node (`127.0.0.1` when local).
  public var host: String?
  /// The port to probe; `nil` means the process's port.
  public var port: Int?
  /// How long to wait in total before failing, in seconds.
  public var timeoutSeconds: Int
  /// The pause between probes, in seconds (fractions allowed).
  public var intervalSeconds: Double

  /// A readiness check with the given parts.
  public init(
    path: String = "/health", host: String? = nil, port: Int? = nil, timeoutSeconds: Int = 600,
    intervalSeconds: Double = 2
  ) {
    self.path = path
    self.host = host
    self.port = port
    self.timeoutSeconds = timeoutSeconds
    self.intervalSeconds = intervalSeconds
  }
}
