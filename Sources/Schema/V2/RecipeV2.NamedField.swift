extension RecipeV2 {
  /// A first-class serving field (see `NamedField`; flag spellings in `NamedFieldFlags`).
  public typealias NamedField = Schema.NamedField
}

extension NamedField {
  /// The flag spellings (without leading dashes) that set this field on `engine`; an arg
  /// with one of them next to the named field is an error (the seed-001 ban).
  public func spellings(for engine: EngineName) -> [String] {
    NamedFieldFlags.flags(for: self, engine: engine).spellings.map { NamedFieldFlags.normalize($0) }
  }

  /// The named field an arg spelling sets on `engine`, if any (dashes and `_`/`-` ignored).
  public static func field(forFlag flag: String, engine: EngineName) -> NamedField? {
    NamedFieldFlags.field(forFlag: flag, engine: engine)
  }

  /// Flags the launcher owns on any engine (host, port, model, served model name), without
  /// dashes: never in `args`.
  public static let launcherOwnedFlags: [String] = {
    var all: [String] = []
    for engine in EngineName.allCases {
      for f in LauncherFlags.owned(by: engine) where !all.contains(NamedFieldFlags.normalize(f)) {
        all.append(NamedFieldFlags.normalize(f))
      }
    }
    return all
  }()

  /// A flag without leading dashes, lower case, `_` as `-`.
  static func normalizeFlag(_ flag: String) -> String { NamedFieldFlags.normalize(flag) }
}
