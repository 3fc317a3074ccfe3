import Registry
import Schema

/// One recipe as search/list print it (JSON keys are stable and sorted).
struct RecipeRow: Codable {
  var name: String
  var model: String?
  var engine: String?
  var engineVersion: String?
  var image: String?
  var gpuType: String?
  var gpusPerNode: Int?
  var totalGPUs: Int?
  var nodes: Int?
  var precision: String?
  var topology: String?
  var format: String
  var status: String?
  var path: String
  var blob: String
  var valid: Bool
  var errors: [Diagnostic]?

  init(_ s: IndexSnapshot, _ i: Int, withErrors: Bool = false) {
    let m = s.summary(i)
    name = m.name
    model = m.model
    engine = m.engine
    engineVersion = m.engineVersion
    image = m.image
    gpuType = m.gpuType
    gpusPerNode = m.gpusPerNode
    totalGPUs = m.totalGPUs
    nodes = m.nodes
    precision = m.precision
    topology = m.topology?.rawValue
    format = m.format
    status = m.status
    path = s.path(i)
    blob = s.blobID(i).hex
    valid = !s.isInvalid(i)
    errors = withErrors && !valid ? s.diagnostics(i) : nil
  }

  var engineText: String {
    guard let engine else { return "-" }
    return engineVersion.map { "\(engine)@\($0)" } ?? engine
  }

  var gpuText: String {
    let g = gpuType ?? "?"
    return totalGPUs.map { "\(g) × \($0)" } ?? g
  }

  /// As a YAML mapping (for `-o yaml`).
  var node: YAMLNode {
    var pairs: [YAMLPair] = [YAMLPair("name", .string(name))]
    func add(_ k: String, _ v: String?) { if let v { pairs.append(YAMLPair(k, .string(v))) } }
    func addInt(_ k: String, _ v: Int?) { if let v { pairs.append(YAMLPair(k, .int(v))) } }
    add("model", model); add("engine", engine); add("engine_version", engineVersion); add("image", image)
    add("gpu_type", gpuType); addInt("gpus_per_node", gpusPerNode); addInt("total_gpus", totalGPUs)
    addInt("nodes", nodes); add("precision", precision); add("topology", topology)
    add("format", format); add("status", status); add("path", path); add("blob", blob)
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
