/// Whether a flag takes an argument.
public enum FlagKind: String, Sendable, Hashable {
  /// A switch that takes no value (`--trust-remote-code`).
  case bool
  /// A flag followed by an argument (`--tp-size 8`).
  case value
}
