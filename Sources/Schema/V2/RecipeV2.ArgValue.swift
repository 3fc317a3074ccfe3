extension RecipeV2 {
  /// The value of one engine arg.
  ///
  /// `true` is a bare flag; `false` omits it (or renders the `--no-` form where the engine has
  /// one); a list of scalars repeats the flag (or passes several values, as the engine reads
  /// them); a mapping, or a list holding collections, is a JSON-valued flag kept as structured
  /// data; `null` unsets an inherited value (a role arg over a common one).
  public enum ArgValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case float(Double)
    case bool(Bool)
    case null
    case list([ArgValue])
    case structured(YAMLNode)
  }
}
