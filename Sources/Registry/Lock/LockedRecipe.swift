/// One recipe pinned by a lock file: the commit and blob it was read from, and the engine
/// version and image it resolved to then.
public struct LockedRecipe: Sendable, Hashable, Codable {
  public var name: String
  public var commit: String
  public var blob: String
  public var path: String
  public var engine: String?
  public var engineVersion: String?
  public var image: String?

  public init(name: String, commit: String, blob: String, path: String, engine: String?, engineVersion: String?, image: String?) {
    self.name = name
    self.commit = commit
    self.blob = blob
    self.path = path
    self.engine = engine
    self.engineVersion = engineVersion
    self.image = image
  }

  enum CodingKeys: String, CodingKey {
    case name, commit, blob, path, engine, engineVersion = "engine_version", image
  }
}
