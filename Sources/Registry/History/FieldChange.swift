/// One value that differs between two versions of a recipe (nil: absent on that side).
public struct FieldChange: Sendable, Hashable, Codable {
  /// The key path, e.g. `engine.version` or `args[3].value`.
  public var path: String
  /// The value in the older version (nil: absent).
  public var old: String?
  /// The value in the newer version (nil: absent).
  public var new: String?

  /// A change of the value at `path` from `old` to `new`.
  public init(path: String, old: String?, new: String?) {
    self.path = path
    self.old = old
    self.new = new
  }
}
