/// How to tell a process is ready: an HTTP GET that must answer 200, or (``probe`` `.tcp`)
/// a port that accepts a TCP connection.
public struct ReadinessCheck: Sendable, Hashable, Codable {
  /// How a process is probed.
  public enum Probe: String, Sendable, Hashable, Codable {
    /// `GET http://host:port/path` answers 200.
    case http
    /// The port accepts a TCP connection (servers that speak no HTTP: llama.cpp's
    /// `rpc-server`).
    case tcp
  }

  /// The URL path, such as `/health` or `/v1/models`; empty for a TCP probe.
  public var path: String
  /// How the process is probed; nil means `.http`.
  public var probe: Probe?
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
