/// One recipe pinned by a lock file: the commit and blob it was read from, and the engine
/// version and image it resolved to then.
public struct LockedRecipe: Sendable, Hashable, Codable {
  /// The recipe's name.
  public var name: String
  /// The commit id (hex) the recipe was read at.
  public var commit: String
  /// The blob id (hex) of the recipe file.
  public var blob: String
  /// The file's path in that commit's tree.
  public var path: String
  /// The engine the recipe resolved to, if known.
  public var engine: String?
  /// The engine version the recipe resolved to, if known.
  public var engineVersion: String?
  /// The container image the recipe resolved to, if known.
  public var image: String?

  /// A lock entry with the given values.
  public init(
    name: String, commit: String, blob: String, path: String, engine: String?,
    engineVersion: String?, image: String?
  ) {
    self.name = name
    self.commit = commit
    self.blob = blob
    self.path = path
    self.engine = engine
    self.engineVersion = engineVersion
    self.image = image
  }

  enum CodingKeys: String, CodingKey {
    case name, commit, blob, path, engine
    case engineVersion = "engine_version"
    case image
  }
}
