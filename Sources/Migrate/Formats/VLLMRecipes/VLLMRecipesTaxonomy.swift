internal import Foundation
public import Schema

/// The hardware profiles of a vllm-project/recipes checkout (`taxonomy.yaml`,
/// `hardware_profiles`): which override keys apply to a piece of hardware.
///
/// An override key names a profile (`h200`), a generation (`hopper`, `blackwell`, `amd`,
/// `cpu`) or a brand (`nvidia`); all the keys that name a profile, its generation or its brand
/// apply to it, in the order the model file has them.
public struct VLLMRecipesTaxonomy: Sendable, Hashable {
  /// One hardware profile.
  public struct Profile: Sendable, Hashable {
    /// `brand`, lower-cased (`nvidia`, `amd`, `intel`).
    public var brand: String?
    /// `generation` (`hopper`, `blackwell`, `amd`, `cpu`).
    public var generation: String?
  }

  /// The profiles by id.
  public var profiles: [String: Profile]

  /// A taxonomy of the given profiles (none: only exact keys match).
  public init(profiles: [String: Profile] = [:]) { self.profiles = profiles }

  /// Reads `hardware_profiles` of a taxonomy document.
  public static func read(_ root: YAMLNode) -> VLLMRecipesTaxonomy {
    var out: [String: Profile] = [:]
    for p in root["hardware_profiles"]?.mapping ?? [] {
      guard let id = p.key.scalar else { continue }
      out[id] = Profile(
        brand: p.value["brand"]?.scalar?.lowercased(), generation: p.value["generation"]?.scalar)
    }
    return VLLMRecipesTaxonomy(profiles: out)
  }

  /// The taxonomy beside a strategies folder (`<checkout>/taxonomy.yaml`); empty when there is
  /// none or it does not parse.
  public static func load(besidesStrategies dir: String) -> VLLMRecipesTaxonomy {
    let path = URL(fileURLWithPath: dir).deletingLastPathComponent()
      .appendingPathComponent("taxonomy.yaml").path
    guard let data = FileManager.default.contents(atPath: path),
      let root = try? YAML.parse([UInt8](data)).root
    else { return VLLMRecipesTaxonomy() }
    return read(root)
  }

  /// Whether the override `key` applies to `hardware`.
  public func applies(_ key: String, to hardware: String) -> Bool {
    if key == hardware { return true }
    guard let p = profiles[hardware] else { return false }
    return key == p.generation || key == p.brand
  }
}
