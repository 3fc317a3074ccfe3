/// The nodes of a plan: named hosts (head first) or just a count (the scheduler picks them).
///
/// JSON: `{"hosts": ["a", "b"]}` or `{"count": 2}`.
public enum NodeSet: Sendable, Hashable, Codable {
  /// Named hosts, head node first. `localhost` and `127.0.0.1` mean "this machine".
  case hosts([String])
  /// A number of nodes; for the shell target, every process runs on this machine.
  case count(Int)

  /// The number of nodes.
  public var count: Int {
    switch self {
    case .hosts(let h): return h.count
    case .count(let n): return n
    }
  }

  /// The host name of node `index`, if nodes are named.
  public func host(_ index: Int) -> String? {
    guard case .hosts(let h) = self, h.indices.contains(index) else { return nil }
    return h[index]
  }

  /// Whether a host name refers to the local machine.
  public static func isLocal(_ host: String) -> Bool {
    host == "localhost" || host == "127.0.0.1" || host == "::1"
  }
}

// MARK: - Codable

extension NodeSet {
  private enum CodingKeys: String, CodingKey {
    case hosts
    case count
  }

  /// Decodes `{hosts: [...]}` or `{count: N}`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    if let hosts = try c.decodeIfPresent([String].self, forKey: .hosts) {
      self = .hosts(hosts)
    } else {
      self = .count(try c.decode(Int.self, forKey: .count))
    }
  }

  /// Encodes `{hosts: [...]}` or `{count: N}`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .hosts(let h): try c.encode(h, forKey: .hosts)
    case .count(let n): try c.encode(n, forKey: .count)
    }
  }
}
