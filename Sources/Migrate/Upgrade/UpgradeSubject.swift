internal import Engines
import Schema

/// What an upgrade edits in one recipe, whatever its format: the engine, the pinned version,
/// where each engine flag is (as a mapping key in the source), and where the pin and image are.
///
/// v2: `args` / `roles.R.args`, `engine.version`, `engine.image`. sglang-v1: the seed
/// layout's `sglang_config.ROLE.flag` and `sglang_version`, or the srt layout's
/// `backend.<engine>_config.ROLE.flag`; the image is `model.container` in both.
struct UpgradeSubject {
  /// One engine flag written as a mapping key.
  struct Site {
    /// The key as written (`enable-dp-attention`, `--foo`).
    var flag: String
    /// Switched off (`false` or null): removing it changes nothing.
    var off: Bool
    var path: KeyPath
    /// The other flag keys of the same mapping (a rename must not collide with one).
    var siblings: [String]
  }

  var engine: Engine
  var from: EngineVersion?
  var sites: [Site]
  /// The version scalar and its text (nil when the recipe pins through its image only).
  var pin: (path: KeyPath, value: String)?
  var image: (path: KeyPath, value: String)?

  /// Where the refusal of a format points, and why.
  struct Unsupported: Error {
    var message: String
    var hint: String
  }

  /// The subject of `read`, or why its format cannot be upgraded in place.
  static func of(_ read: ReadRecipe) -> Result<UpgradeSubject, Unsupported> {
    guard read.format == .v2 || read.format == .sglangV1 else {
      return .failure(
        Unsupported(
          message:
            "upgrade edits v2 and sglang-v1 recipes in place; this file is \(read.format.rawValue), which pins no engine version to move from",
          hint:
            "convert it first ('registry convert --to v2 \(read.file)'), then upgrade the v2 recipe"
        ))
    }
    guard let root = read.documents.first?.root, read.isValid else {
      return .failure(
        Unsupported(
          message: "the recipe does not decode; fix its errors first",
          hint: "run 'registry lint' on it"))
    }
    switch read.format {
    case .v2:
      guard let recipe = read.v2 else {
        return .failure(
          Unsupported(
            message: "the recipe does not decode; fix its errors first",
            hint: "run 'registry lint' on it"))
      }
      var sites = recipe.args.map { v2Site($0, path: "args", among: recipe.args) }
      for role in recipe.roles.keys.sorted() {
        let args = recipe.roles[role]?.args ?? []
        sites += args.map {
          v2Site(
            $0, path: KeyPath([.key("roles"), .key(role.rawValue), .key("args")]), among: args)
        }
      }
      return .success(
        UpgradeSubject(
          engine: recipe.engine.name, from: EngineVersion.checked(recipe, override: nil).0,
          sites: sites,
          pin: recipe.engine.version.map { ("engine.version", $0) },
          image: recipe.engine.image.map { ("engine.image", $0) }))
    default:
      return v1(read, root: root)
    }
  }

  private static func v2Site(
    _ arg: RecipeV2.EngineArg, path: KeyPath, among args: [RecipeV2.EngineArg]
  ) -> Site {
    let off: Bool
    switch arg.value {
    case .bool(false), .null: off = true
    default: off = false
    }
    return Site(
      flag: arg.flag, off: off, path: path / arg.flag,
      siblings: args.map(\.flag).filter { $0 != arg.flag })
  }

  /// sglang-v1: flags are the keys of each role's mapping under the engine config.
  private static func v1(_ read: ReadRecipe, root: YAMLNode) -> Result<UpgradeSubject, Unsupported>
  {
    let summary = read.summary
    guard let engine = summary.engine.flatMap({ Engine(name: $0) }) else {
      return .failure(
        Unsupported(
          message: "the recipe names no engine this registry has catalogs for",
          hint: "set backend.type"))
    }
    var configs: [KeyPath] = []
    if root["sglang_config"] != nil { configs.append("sglang_config") }
    if let backend = root["backend"]?.mapping {
      for pair in backend
      where pair.key.scalar?.hasSuffix("_config") == true && pair.value.mapping != nil {
        configs.append(KeyPath(parsing: "backend") / (pair.key.scalar ?? ""))
      }
    }
    var sites: [Site] = []
    for config in configs {
      for role in root.value(at: config)?.mapping ?? [] {
        guard let roleName = role.key.scalar, let flags = role.value.mapping else { continue }
        let keys = flags.compactMap(\.key.scalar)
        for pair in flags {
          guard let flag = pair.key.scalar else { continue }
          var off = false
          if case .scalar(let text, let style) = pair.value.kind {
            switch ScalarResolver.resolve(text, style: style, tag: pair.value.tag) {
            case .bool(false), .null: off = true
            default: break
            }
          }
          sites.append(
            Site(
              flag: flag, off: off, path: config / roleName / flag,
              siblings: keys.filter { $0 != flag }))
        }
      }
    }
    let pin = root["sglang_version"]?.scalar.map { (KeyPath(parsing: "sglang_version"), $0) }
    let image = root.value(at: "model.container")?.scalar.map {
      (KeyPath(parsing: "model.container"), $0)
    }
    let from = summary.engineVersion.flatMap { EngineVersion($0) }
    return .success(
      UpgradeSubject(engine: engine, from: from, sites: sites, pin: pin, image: image))
  }
}
