/// A performance budget a scenario is held to, and where it is written down.
struct Budget: Sendable, Codable {
  enum Kind: Sendable, Codable {
    /// The registry's median at most this many milliseconds.
    case milliseconds(Double)
    /// The registry's median at most this many times the reference's median.
    case ratio(Double)
  }

  var kind: Kind
  /// DESIGN.md, issue 19, or the README figure of a former in-process benchmark.
  var source: String

  static func ms(_ limit: Double, _ source: String) -> Budget { Budget(kind: .milliseconds(limit), source: source) }
  static func times(_ limit: Double, _ source: String) -> Budget { Budget(kind: .ratio(limit), source: source) }

  /// Whether `registry` (median) is within the budget, given the reference's median.
  func met(registry: Double, reference: Double?) -> Bool? {
    switch kind {
    case .milliseconds(let limit): return registry <= limit
    case .ratio(let limit): return reference.map { registry <= limit * $0 }
    }
  }

  var description: String {
    switch kind {
    case .milliseconds(let limit): return "≤ \(Format.ms(limit)) ms (\(source))"
    case .ratio(let limit): return "≤ \(Format.decimal(limit))× the reference (\(source))"
    }
  }
}
