public import Schema

/// Why a recipe could not be turned into a plan.
public enum PlanningError: Error, Sendable, CustomStringConvertible {
  /// The recipe (after the variant and overrides) does not decode; located diagnostics.
  case recipe([Diagnostic])
  /// The plan cannot be built for the requested nodes or target.
  case launch(LaunchError)

  /// The error diagnostics, one per line, or the launch error's message.
  public var description: String {
    switch self {
    case .recipe(let d):
      return d.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
    case .launch(let e): return e.description
    }
  }
}
