internal import Engines
internal import Migrate
internal import Schema

/// Where each engine flag and env value of one role came from: the recipe, its variant, or an
/// override. Found by building the role's `EngineInvocation` three times (base recipe, with
/// the variant, with the overrides too) and comparing values.
struct ValueOrigins: Sendable {
  var base: [String: String?]
  var variant: [String: String?]
  var variantName: String?
  var overrides: [RecipeOverride]

  /// - Parameters:
  ///   - base: the role's invocation in the recipe as stored.
  ///   - withVariant: the invocation once the variant is applied (equal to `base` without one).
  init(
    base: EngineInvocation, withVariant: EngineInvocation, variantName: String?,
    overrides: [RecipeOverride]
  ) {
    self.base = Self.values(base)
    self.variant = Self.values(withVariant)
    self.variantName = variantName
    self.overrides = overrides
  }

  /// The origin of `key` (a flag, or `env:NAME`) whose final value is `value`.
  func origin(_ key: String, value: String?) -> ValueOrigin {
    let v = variant[key]
    if v == nil || v! != value { return ValueOrigin(.override, overrideSource(for: key)) }
    let b = base[key]
    if b == nil || b! != value { return ValueOrigin(.variant, variantName) }
    return ValueOrigin(.recipe)
  }

  /// The override that most likely changed `key`: the last one whose path names it.
  func overrideSource(for key: String) -> String {
    let target = NamedFieldFlags.normalize(key.hasPrefix("env:") ? String(key.dropFirst(4)) : key)
    for o in overrides.reversed() {
      let last = NamedFieldFlags.normalize(
        o.path.split(separator: ".").last.map(String.init) ?? o.path)
      if last == target { return o.source }
      if let field = NamedField(rawValue: String(last.map { $0 == "-" ? "_" : $0 })) {
        for engine in EngineName.allCases
        where NamedFieldFlags.flags(for: field, engine: engine).spellings.map(
          NamedFieldFlags.normalize
        ).contains(target) {
          return o.source
        }
      }
    }
    return overrides.map(\.source).joined(separator: ", ")
  }

  static func values(_ inv: EngineInvocation) -> [String: String?] {
    var out: [String: String?] = [:]
    for (flag, value) in LaunchProcess.flagValues(inv.flags) { out[flag] = value }
    for e in inv.env { out["env:" + e.name] = e.value }
    return out
  }
}

extension ValueOrigins {
  /// The origins of a role's flags and env: the recipe as stored, with its variant, and the
  /// overrides.
  init(
    recipe: RecipeV2, varied: RecipeV2, role: RecipeV2.Role, catalog: FlagCatalog?,
    variant: String?,
    overrides: [RecipeOverride]
  ) {
    self.init(
      base: EngineInvocation.build(recipe, role: role, catalog: catalog),
      withVariant: EngineInvocation.build(varied, role: role, catalog: catalog),
      variantName: variant, overrides: overrides)
  }
}
