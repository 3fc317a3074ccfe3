import Schema

extension FlagCatalog {
  /// The first vLLM release whose `FlexibleArgumentParser` reads `--X.key value` as one key of
  /// the JSON flag `--X` (0.9.0), and the first that also reads the short form `-X.key`
  /// (0.9.2: `-cc.mode 3`). Read from `vllm/utils` of the released wheels.
  static let vllmConfigKeysSince = (
    long: EngineVersion(release: [0, 9, 0]), short: EngineVersion(release: [0, 9, 2])
  )

  /// Resolves vLLM's dotted form of a JSON flag: `--attention_config.backend`,
  /// `-cc.pass_config.fuse_rope_kvcache`, `--X.key+` (append to a list). vLLM turns the
  /// underscores of the part before the first `.` into dashes, collects every dotted word of
  /// one flag into a dict and passes it as that flag's JSON, so the spelling is accepted when
  /// the part before the `.` resolves to a flag that takes JSON. The key itself is not checked
  /// (catalogs do not list the fields of config classes).
  ///
  /// - Parameters:
  ///   - given: the spelling without any `=value` part.
  ///   - typed: the spelling as given, for the resolution.
  ///   - inlineValue: the value after `=`, if any.
  /// - Returns: a ``FlagResolution/Match/configKey`` resolution; nil for other engines,
  ///   releases before the dotted form, or when the base is no JSON flag.
  func configKeyResolution(_ given: Substring, typed: String, inlineValue: String?)
    -> FlagResolution?
  {
    guard engine == .vllm, given.hasPrefix("-"), let dot = given.firstIndex(of: ".") else {
      return nil
    }
    let since =
      given.hasPrefix("--") ? Self.vllmConfigKeysSince.long : Self.vllmConfigKeysSince.short
    guard version >= since else { return nil }
    var key = given[given.index(after: dot)...]
    if key.hasSuffix("+") { key = key.dropLast() }
    guard !key.isEmpty, key.first != ".", key.last != ".",
      let base = resolve(String(given[..<dot])), base.flag.takesJSON, !base.isNegated
    else { return nil }
    return FlagResolution(
      flag: base.flag, spelling: typed, matchedSpelling: base.matchedSpelling, match: .configKey,
      isNegated: false, inlineValue: inlineValue, configKey: String(key))
  }
}
