/// The result of looking up a catalog for an engine version.
public struct CatalogMatch: Sendable, Hashable {
  /// How the catalog relates to the requested version.
  public enum Kind: String, Sendable, Hashable {
    /// A catalog for exactly the requested version.
    case exact
    /// The newest catalog older than the requested version stands in for it.
    case nearestLower
    /// No catalog at or below the requested version.
    case none
    /// A catalog whose own version is not known exactly stands in (``FlagCatalog/isApproximate``:
    /// llama.cpp catalogs read from llama-cpp-python's vendored tree): the one named at or
    /// below the requested version, else the oldest.
    case approximate
  }

  /// True when the catalog is not exactly the requested version's (nearest lower or
  /// approximate): a flag it lacks may exist in the requested version.
  public var isStandIn: Bool { kind == .nearestLower || kind == .approximate }

  /// The engine asked for.
  public let engine: Engine
  /// The version asked for.
  public let requested: EngineVersion
  /// How it matched.
  public let kind: Kind
  /// The catalog, nil when ``kind`` is ``Kind/none``.
  public let catalog: FlagCatalog?
  /// A human sentence saying what was picked and why.
  public let note: String

  /// A match with the given values.
  public init(
    engine: Engine, requested: EngineVersion, kind: Kind, catalog: FlagCatalog?, note: String
  ) {
    self.engine = engine
    self.requested = requested
    self.kind = kind
    self.catalog = catalog
    self.note = note
  }
}
