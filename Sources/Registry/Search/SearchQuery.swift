public import Engines
import Migrate
public import Schema

/// What `registry search` filters on. Empty fields match everything.
public struct SearchQuery: Sendable {
  /// Free text, matched case-insensitively against name and model.
  public var text: String?
  /// GPU types (any of), case-insensitive.
  public var gpus: [String] = []
  /// Model, case-insensitive substring.
  public var model: String?
  /// Engine name, case-insensitive.
  public var engine: String?
  /// Engine versions to accept.
  public var engineVersions: VersionRange?
  /// Precisions (any of), case-insensitive.
  public var precisions: [String] = []
  /// Aggregated or disaggregated.
  public var topology: Topology?
  /// The fewest GPUs in total.
  public var minGPUs: Int?
  /// The most GPUs in total.
  public var maxGPUs: Int?
  /// The exact node count.
  public var nodes: Int?
  /// Statuses to show (any of); when empty, everything but deprecated.
  public var statuses: [String] = []
  /// Whether recipes that failed to decode are listed too.
  public var includeInvalid = false

  /// A query that matches every valid, non-deprecated recipe.
  public init() {}

  /// The straightforward predicate over one summary (the index search must agree with it).
  public func matches(_ s: RecipeSummary, isValid: Bool = true) -> Bool {
    if !isValid && !includeInvalid { return false }
    if let text, !text.isEmpty {
      let t = text.lowercased()
      guard s.name.lowercased().contains(t) || (s.model?.lowercased().contains(t) ?? false) else {
        return false
      }
    }
    if !gpus.isEmpty {
      guard let g = s.gpuType?.lowercased(), gpus.contains(where: { $0.lowercased() == g }) else {
        return false
      }
    }
    if let model, !model.isEmpty {
      guard let m = s.model?.lowercased(), m.contains(model.lowercased()) else { return false }
    }
    if let engine {
      guard let e = s.engine, e.lowercased() == engine.lowercased() else { return false }
    }
    if let range = engineVersions {
      guard let v = s.engineVersion.flatMap({ EngineVersion($0) }), range.contains(v) else {
        return false
      }
    }
    if !precisions.isEmpty {
      guard let p = s.precision?.lowercased(), precisions.contains(where: { $0.lowercased() == p })
      else { return false }
    }
    if let topology, s.topology != topology { return false }
    if let minGPUs { guard let g = s.totalGPUs, g >= minGPUs else { return false } }
    if let maxGPUs { guard let g = s.totalGPUs, g <= maxGPUs else { return false } }
    if let nodes, s.nodes != nodes { return false }
    if statuses.isEmpty {
      if s.isDeprecated { return false }
    } else {
      guard let st = s.status ?? Optional("unspecified"),
        statuses.contains(where: { $0.lowercased() == st.lowercased() })
      else {
        return false
      }
    }
    return true
  }
}
