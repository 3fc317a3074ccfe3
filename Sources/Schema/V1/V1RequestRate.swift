/// `benchmark.req_rate`: `"inf"` (as fast as possible) or requests per second.
public enum V1RequestRate: Sendable, Hashable {
  /// Unlimited, with its spelling (`inf`).
  case infinite(String)
  case perSecond(Double)

  static func decode(_ n: YAMLNode, path: KeyPath, context: DecodeContext) -> V1RequestRate? {
    if let s = n.scalar?.lowercased(), ["inf", "infinity", ".inf"].contains(s) {
      return .infinite(n.scalar!)
    }
    if let d = V1Values.double(n), d > 0 { return .perSecond(d) }
    context.error(
      "invalid-value", "invalid req_rate \(MappingReader.describe(n))", at: n, path: path,
      hint: "write \"inf\" or a positive number of requests per second")
    return nil
  }

  static func read(_ n: YAMLNode) -> V1RequestRate? {
    decode(n, path: .root, context: DecodeContext(file: ""))
  }

  var node: YAMLNode {
    switch self {
    case .infinite(let s): return .string(s)
    case .perSecond(let d): return d == d.rounded() && abs(d) < 1e15 ? .int(Int(d)) : .float(d)
    }
  }
}
