extension RecipeV2 {
  /// Requests per second, or `inf` (all at once).
  public enum RequestRate: Sendable, Hashable {
    case infinite
    case perSecond(Double)
  }
}
