public import Schema

/// The settings in a registry's `registry.yaml` (minimal content: `root: recipes`).
public struct RegistryConfig: Sendable, Hashable {
  /// The folder (relative to the repository root) that holds recipes.
  public var root: String
  /// A short name for scoped references (`@team/recipe`); optional.
  public var name: String?
  /// The branch that `publish` updates when none is given.
  public var branch: String?
  /// GPUs per node by GPU type (`gpus_per_node: {gb200: 4}`): replaces or adds rows of the
  /// standard table the index derives a recipe's GPUs per node from when it does not say them.
  public var gpusPerNode: [String: Int] = [:]

  /// The table the index derives GPUs per node from: the standard one with this registry's rows.
  public var gpuTable: GPUsPerNode { GPUsPerNode.standard.overriding(gpusPerNode) }

  /// Settings with the given values (`root: recipes` by default).
  public init(root: String = "recipes", name: String? = nil, branch: String? = nil) {
    self.root = root
    self.name = name
    self.branch = branch
  }

  /// The file name at the repository root.
  public static let fileName = "registry.yaml"

  /// Decodes `registry.yaml`; unknown keys are warnings.
  public static func decode(_ bytes: [UInt8], file: String) -> (RegistryConfig?, [Diagnostic]) {
    let doc: YAMLDocument
    do {
      doc = try YAML.parse(bytes)
    } catch {
      return (nil, [error.diagnostic(file: file)])
    }
    let context = DecodeContext(file: file, unknownKeySeverity: .warning)
    guard let reader = MappingReader(doc.root, path: .root, context: context) else {
      return (nil, context.diagnostics)
    }
    var config = RegistryConfig()
    if let root = reader.string("root", required: true, hint: "e.g. 'root: recipes'") {
      var r = Substring(root)
      while r.hasPrefix("./") { r = r.dropFirst(2) }
      while r.hasSuffix("/") { r = r.dropLast() }
      if r.contains("..") || r.hasPrefix("/") {
        context.error(
          "invalid-value", "root must be a folder inside the repository, not '\(root)'",
          at: reader.node("root"), path: "root", hint: "e.g. 'root: recipes'")
      }
      config.root = String(r)
    }
    config.name = reader.string("name")
    config.branch = reader.string("branch")
    if let node = reader.node("gpus_per_node"),
      let pairs = MappingReader.entries(node, path: .root / "gpus_per_node", context: context)
    {
      for pair in pairs {
        guard let type = pair.key.scalar else { continue }
        if let n = MappingReader.int(
          pair.value, path: .root / "gpus_per_node" / type, context: context, min: 1)
        {
          config.gpusPerNode[type] = n
        }
      }
    }
    reader.finish(known: ["root", "name", "branch", "gpus_per_node"])
    return (context.hasErrors ? nil : config, context.diagnostics)
  }

  /// The text `registry init` writes.
  public var text: String {
    var s = "# A recipe registry: recipes live under `root`, one YAML file each.\nroot: \(root)\n"
    if let name { s += "name: \(name)\n" }
    if let branch { s += "branch: \(branch)\n" }
    return s
  }
}
