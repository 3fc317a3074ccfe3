/// How a scalar was written (or should be written).
///
/// The style matters for typing: a plain `1.0` is a float, a quoted `"1.0"` is a string.
public enum ScalarStyle: String, Sendable, Hashable, Codable {
  /// Unquoted; resolved to null, bool, int, float or string by `ScalarResolver`.
  case plain
  case singleQuoted
  case doubleQuoted
  case literal
  case folded

  /// Whether a value in this style is always a string, whatever it spells.
  public var isQuotedOrBlock: Bool { self != .plain }
}

/// How a mapping or sequence was written.
public enum CollectionStyle: String, Sendable, Hashable, Codable {
  case block
  case flow
}
