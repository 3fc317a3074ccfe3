/// GPUs per node by GPU type: what the index assumes for a recipe that names its GPU type but
/// not its GPUs per node (`gb200`: 4, `h100`: 8, `gb10` (DGX Spark): 1, ...).
///
/// The standard table is `spec/facts/gpus-per-node.tsv` (embedded in the binary); a registry
/// overrides or extends it with a `gpus_per_node:` mapping in its `registry.yaml`. GPU types
/// match without regard to case.
public struct GPUsPerNode: Sendable, Hashable {
  /// Lower-cased GPU type → GPUs per node.
  public private(set) var table: [String: Int]

  public init(_ table: [String: Int]) {
    self.table = [:]
    for (k, v) in table { self.table[k.lowercased()] = v }
  }

  /// The table of `spec/facts/gpus-per-node.tsv`.
  public static let standard = GPUsPerNode(parse(EmbeddedFacts.files["gpus-per-node.tsv"] ?? ""))

  /// The GPUs per node of `gpuType`, or nil when the table does not know it.
  public func count(for gpuType: String?) -> Int? {
    guard let gpuType else { return nil }
    return table[gpuType.lowercased()]
  }

  /// This table with `overrides` replacing or adding rows.
  public func overriding(_ overrides: [String: Int]) -> GPUsPerNode {
    var copy = self
    for (k, v) in overrides { copy.table[k.lowercased()] = v }
    return copy
  }

  /// Reads `gpu_type<TAB>gpus_per_node[<TAB>note]` rows; `#` lines and blank lines are skipped.
  static func parse(_ tsv: String) -> [String: Int] {
    var out: [String: Int] = [:]
    for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard cells.count >= 2, let n = Int(cells[1]), n > 0, !cells[0].isEmpty else { continue }
      out[String(cells[0])] = n
    }
    return out
  }
}

extension RecipeSummary {
  /// Fills in the GPUs per node from `table` when the recipe does not say them (marking them
  /// ``gpusPerNodeDerived``), and the total GPUs as nodes × that figure when the recipe gives
  /// no other way to count them.
  public mutating func deriveGPUs(using table: GPUsPerNode) {
    guard gpusPerNode == nil, let g = table.count(for: gpuType) else { return }
    gpusPerNode = g
    gpusPerNodeDerived = true
    if totalGPUs == nil, let nodes { totalGPUs = nodes * g }
  }
}
