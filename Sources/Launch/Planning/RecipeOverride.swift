/// One `--set key.path=value` or `--unset key.path` applied to a recipe's v2 document before
/// it is decoded again (so the schema checks the result).
public enum RecipeOverride: Sendable, Hashable {
  /// Sets the value at a dotted key path (`serving.tensor_parallel_size`, `env.NCCL_DEBUG`).
  /// The value is read as YAML (`4` is a number, `[1, 2]` a list) unless `quoted`.
  case set(path: String, value: String, source: String, quoted: Bool = false)
  /// Removes the key at a dotted key path.
  case unset(path: String, source: String)

  /// Parses `key.path=value` as given to `--set`.
  ///
  /// - Returns: nil when there is no `=` or the path is empty.
  public init?(setting text: String) {
    guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
    self = .set(
      path: String(text[..<eq]), value: String(text[text.index(after: eq)...]),
      source: "--set \(text)")
  }

  /// `key.path` as given to `--unset`.
  public init(unsetting path: String) {
    self = .unset(path: path, source: "--unset \(path)")
  }

  /// The dotted key path.
  public var path: String {
    switch self {
    case .set(let p, _, _, _), .unset(let p, _): return p
    }
  }

  /// The command-line text that asked for it, for `--explain` and errors.
  public var source: String {
    switch self {
    case .set(_, _, let s, _), .unset(_, let s): return s
    }
  }
}
