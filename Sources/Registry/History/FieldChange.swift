/// One value that differs between two versions of a recipe (nil: absent on that side).
public struct FieldChange: Sendable, Hashable, Codable {
  /// The key path, e.g. `engine.version` or `args[3].value`.
  public var path: String
  public var old: String?
  public var new: String?

  public init(path: String, old: String?, new: String?) {
    self.path = path
    self.old = old
    self.new = new
  }
}
