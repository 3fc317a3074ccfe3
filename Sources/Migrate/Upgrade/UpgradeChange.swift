public import Schema

/// One semantic change an upgrade makes (or would make) to a recipe.
public struct UpgradeChange: Sendable, Hashable, Codable, CustomStringConvertible {
  /// What kind of change it is.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// `engine.version` moves to the target.
    case pin
    /// `engine.image`'s tag moves to the target.
    case image
    /// A flag renamed (and perhaps given a fixed value).
    case rename
    /// A flag dropped because its removal is a no-op.
    case drop
  }

  /// What kind of change it is.
  public var kind: Kind
  /// The v2 key path changed (before the change).
  public var path: KeyPath
  /// The old text (flag spelling or value).
  public var old: String
  /// The new text; nil for a drop.
  public var new: String?
  /// Why (rename-table note, catalog evidence).
  public var reason: String

  /// A change of `kind` at `path` from `old` to `new` (nil: dropped), for `reason`.
  public init(kind: Kind, path: KeyPath, old: String, new: String?, reason: String) {
    self.kind = kind
    self.path = path
    self.old = old
    self.new = new
    self.reason = reason
  }

  /// One line of the semantic diff: `~ path: old → new  (reason)`, `- path  (reason)`.
  public var description: String {
    switch kind {
    case .drop: return "- \(path): \(old)  (\(reason))"
    case .rename: return "~ \(path) → \(new ?? "")  (\(reason))"
    case .pin, .image: return "~ \(path): \(old) → \(new ?? "")"
    }
  }
}
