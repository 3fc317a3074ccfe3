public import Schema

/// Something a target format cannot express: where it was, what it was, and why it cannot go.
public struct LossEntry: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Key path in the source (v2) recipe.
  public var path: KeyPath
  /// The value that would be lost, as text.
  public var value: String
  /// Why the target cannot hold it.
  public var reason: String

  /// A loss of `value` at `path`, for `reason`.
  public init(path: KeyPath, value: String, reason: String) {
    self.path = path
    self.value = value
    self.reason = reason
  }

  /// `path: value — reason`.
  public var description: String { "\(path): \(value) — \(reason)" }

  /// The loss as a diagnostic (an error unless the caller allows loss).
  public func diagnostic(file: String?, severity: Diagnostic.Severity = .error) -> Diagnostic {
    Diagnostic(
      severity, code: "loss", "cannot express \(path) = \(value): \(reason)", at: nil, path: path,
      hint: "pass --allow-loss to convert anyway, or choose a target format that can hold it")
  }
}
