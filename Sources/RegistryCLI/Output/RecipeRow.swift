import Registry
import Schema

/// One recipe as search/list print it: the shared `CatalogEntry` (the same JSON object as an
/// entry of the static index's `catalog.json`) plus, with `--invalid`, its errors. JSON keys
/// are stable and sorted.
@dynamicMemberLookup
struct RecipeRow: Codable {
  var entry: CatalogEntry
  var errors: [Diagnostic]?
  /// The remote registry the recipe comes from (its name is then `@scope/NAME`); nil for this one.
  var scope: String?

  init(_ s: IndexSnapshot, _ i: Int, withErrors: Bool = false) {
    entry = CatalogEntry(s, i)
    errors = withErrors && !entry.valid ? s.diagnostics(i) : nil
  }

  subscript<T>(dynamicMember key: Swift.KeyPath<CatalogEntry, T>) -> T { entry[keyPath: key] }

  /// The row of a remote registry's recipe, named `@scope/NAME`.
  func scoped(_ scope: String) -> RecipeRow {
    var row = self
    row.scope = scope
    row.entry.name = "@\(scope)/" + entry.name
    return row
  }

  private enum Keys: String, CodingKey { case errors, scope }

  /// The entry's keys and `errors` in one JSON object.
  func encode(to encoder: any Encoder) throws {
    try entry.encode(to: encoder)
    var c = encoder.container(keyedBy: Keys.self)
    try c.encodeIfPresent(errors, forKey: .errors)
    try c.encodeIfPresent(scope, forKey: .scope)
  }

  init(from decoder: any Decoder) throws {
    entry = try CatalogEntry(from: decoder)
    let c = try decoder.container(keyedBy: Keys.self)
    errors = try c.decodeIfPresent([Diagnostic].self, forKey: .errors)
    scope = try c.decodeIfPresent(String.self, forKey: .scope)
  }

  /// As a YAML mapping (for `-o yaml`).
  var node: YAMLNode {
    var pairs: [YAMLPair] = [YAMLPair("name", .string(entry.name))]
    func add(_ k: String, _ v: String?) { if let v { pairs.append(YAMLPair(k, .string(v))) } }
    func addInt(_ k: String, _ v: Int?) { if let v { pairs.append(YAMLPair(k, .int(v))) } }
    add("model", entry.model)
    add("engine", entry.engine)
    add("engine_version", entry.engineVersion)
    add("image", entry.image)
    add("gpu_type", entry.gpuType)
    addInt("gpus_per_node", entry.gpusPerNode)
    if entry.gpusPerNodeDerived == true {
      pairs.append(YAMLPair("gpus_per_node_derived", .bool(true)))
    }
    addInt("total_gpus", entry.totalGPUs)
    addInt("nodes", entry.nodes)
    add("precision", entry.precision)
    add("topology", entry.topology)
    add("format", entry.format)
    add("status", entry.status)
    add("path", entry.path)
    add("blob", entry.blob)
    return .mapping(pairs)
  }
}

/// The JSON document of `search` / `list`.
struct RecipeList: Codable {
  var registry: String
  var commit: String
  var count: Int
  var recipes: [RecipeRow]
}
