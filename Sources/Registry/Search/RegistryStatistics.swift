internal import Engines
import Migrate
public import Schema

/// How many recipes of a snapshot there are by GPU, engine, engine version, model, format and
/// topology (what `registry stats` prints). Files that fail to decode are only counted.
public struct RegistryStatistics: Sendable, Hashable {
  /// The recipes that decode.
  public var recipes = 0
  /// The files under the recipe root that fail to decode.
  public var invalid = 0
  /// By `resources.gpu_type` ("unknown" when unset).
  public var byGPU: [String: Int] = [:]
  /// By engine name ("unknown" when unset).
  public var byEngine: [String: Int] = [:]
  /// By "ENGINE VERSION" ("?" for no engine, "unpinned" for no version).
  public var byEngineVersion: [String: Int] = [:]
  /// By model ("unknown" when unset).
  public var byModel: [String: Int] = [:]
  /// By the format the file is written in.
  public var byFormat: [String: Int] = [:]
  /// By topology, `agg` or `disagg` ("unknown" when unset).
  public var byTopology: [String: Int] = [:]

  /// No recipes counted yet.
  public init() {}

  /// Counts every record of `snapshot`.
  public init(_ snapshot: IndexSnapshot) {
    for i in 0..<snapshot.count {
      if snapshot.isInvalid(i) {
        invalid += 1
      } else {
        add(snapshot.summary(i))
      }
    }
  }

  /// Counts one decoded recipe.
  public mutating func add(_ m: RecipeSummary) {
    recipes += 1
    byGPU[m.gpuType ?? "unknown", default: 0] += 1
    byEngine[m.engine ?? "unknown", default: 0] += 1
    byEngineVersion["\(m.engine ?? "?") \(Self.versionKey(m.engineVersion))", default: 0] += 1
    byModel[m.model ?? "unknown", default: 0] += 1
    byFormat[m.format, default: 0] += 1
    byTopology[m.topology?.rawValue ?? "unknown", default: 0] += 1
  }

  /// The entries of one count, largest first, equal counts by key.
  public static func ranked(_ counts: [String: Int]) -> [(key: String, count: Int)] {
    counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
  }

  /// How versions group: normalised (`v0.5.8` and `0.5.8` are one version, `0.5.8`); text
  /// that is no version is kept as written; none is `unpinned`.
  public static func versionKey(_ raw: String?) -> String {
    guard let raw else { return "unpinned" }
    return EngineVersion(raw)?.normalized ?? raw
  }
}
