extension RecipeV2 {
  /// The maturity of a recipe: `status: functional`, or `status: {state: deprecated, reason: ...}`.
  public struct Status: Sendable, Hashable {
    /// A maturity level, spelled as in the recipe.
    public enum State: String, Sendable, Hashable, CaseIterable {
      case experimental
      case functional
      case benchmarked
      case deprecated

      /// Every state's spelling, in declaration order.
      static let allRawValues = allCases.map(\.rawValue)
    }

    /// The maturity level.
    public var state: State
    /// Why (required for `deprecated`; allowed for any state).
    public var reason: String?

    /// A status of `state`, optionally with a reason.
    public init(_ state: State, reason: String? = nil) {
      self.state = state
      self.reason = reason
    }
  }
}
