import Schema

/// The CLI flags one engine version accepts, loaded from a catalog TSV.
///
/// TSV layout (see `spec/engines/README.md`): a header line
/// `flag	kind	type	default	choices	aliases	deprecated`, `#` comment lines (the
/// `# source:` line is kept in ``source``, `# build:` in ``build``), then one row per flag;
/// `choices` and `aliases` are comma lists.
public struct FlagCatalog: Sendable, Hashable {
  /// The engine.
  public let engine: Engine
  /// The engine version the catalog was captured from.
  public let version: EngineVersion
  /// The text after `# source:`, trimmed; nil when absent.
  public let source: String?
  /// The text after `# build:`, trimmed: how the catalog's version is known, when the file
  /// says. `approximate: …` (llama.cpp catalogs read from a vendored tree whose build number
  /// no source states) makes ``isApproximate`` true.
  public let build: String?
  /// The flags, in file order.
  public let flags: [FlagSpec]

  /// Every registered spelling (primary, aliases, negations) → index in ``flags``.
  private let exactIndex: [String: Int]
  /// Long spellings sorted, for abbreviation lookup.
  private let longSpellings: [String]

  /// Parses catalog TSV text.
  ///
  /// - Parameters:
  ///   - engine: the engine the catalog describes.
  ///   - version: the engine version.
  ///   - tsv: the file contents.
  ///   - file: a label for error messages.
  /// - Throws: ``FlagCatalogError`` `.missingHeader`, `.tooFewColumns`, `.unknownKind`.
  public init(engine: Engine, version: EngineVersion, tsv: String, file: String = "<catalog>")
    throws(FlagCatalogError)
  {
    var text = tsv
    let parsed = text.withUTF8 { buffer in
      FlagCatalogTSVParser.parse(buffer, file: file)
    }
    switch parsed {
    case .success(let result):
      self.init(
        engine: engine, version: version, source: result.source, build: result.build,
        flags: result.flags)
    case .failure(let error):
      throw error
    }
  }

  /// Builds a catalog from flags.
  public init(
    engine: Engine, version: EngineVersion, source: String?, build: String? = nil,
    flags: [FlagSpec]
  ) {
    self.engine = engine
    self.version = version
    self.source = source
    self.build = build
    self.flags = flags
    var index: [String: Int] = [:]
    index.reserveCapacity(flags.count * 2)
    for (i, flag) in flags.enumerated() {
      for spelling in flag.spellings where index[spelling] == nil { index[spelling] = i }
    }
    self.exactIndex = index
    self.longSpellings = index.keys.filter { $0.hasPrefix("--") }.sorted()
  }

  /// True when the catalog's own version is not known exactly (its `# build:` line starts
  /// with `approximate`): the file name is a bound, not the version it was read from.
  public var isApproximate: Bool { build?.hasPrefix("approximate") ?? false }

  /// Whether argparse-style unique-prefix abbreviations are accepted (SGLang).
  public var allowsAbbreviation: Bool { engine == .sglang }

  /// Every registered spelling.
  public var allSpellings: Set<String> { Set(exactIndex.keys) }

  /// True when `spelling` is registered exactly (no normalisation, no abbreviation).
  public func hasSpelling(_ spelling: String) -> Bool { exactIndex[spelling] != nil }

  /// The flag whose primary or alias spelling is exactly `spelling`.
  public func flag(exactly spelling: String) -> FlagSpec? {
    exactIndex[spelling].map { flags[$0] }
  }

  /// Resolves a spelling as a user may write it.
  ///
  /// Tries, in order: the exact spelling (primary, alias, `--no-X` negation); the
  /// spelling with leading dashes added (`tp-size` → `--tp-size`, `tp` → `-tp`; a
  /// spelling that has dashes keeps their number) and
  /// `snake_case` turned into `kebab-case`; for vLLM one key of a JSON flag
  /// (`--compilation-config.mode`, see ``configKeyResolution(_:typed:inlineValue:)``); for
  /// SGLang a unique prefix of a long spelling (`--tp` → `--tp-size`). A `=value` suffix is
  /// split off.
  ///
  /// - Parameter spelling: e.g. `--tp-size`, `-tp`, `tensor_parallel_size`, `--no-enable-prefix-caching`, `--port=8000`.
  /// - Returns: nil when nothing matches.
  public func resolve(_ spelling: String) -> FlagResolution? {
    var given = Substring(spelling)
    var inlineValue: String?
    if given.hasPrefix("-"), let eq = given.firstIndex(of: "=") {
      inlineValue = String(given[given.index(after: eq)...])
      given = given[..<eq]
    }
    let typed = String(given)
    if let hit = exact(typed, typed: typed, inlineValue: inlineValue, normalized: false) {
      return hit
    }

    // Normalised forms.
    let bare = given.drop(while: { $0 == "-" })
    guard !bare.isEmpty else { return nil }
    let kebab = String(bare).replacingUnderscores()
    let candidates: [String] =
      given.hasPrefix("--")
      ? ["--" + kebab] : (given.hasPrefix("-") ? ["-" + kebab] : ["--" + kebab, "-" + kebab])
    for candidate in candidates where candidate != typed {
      if let hit = exact(candidate, typed: typed, inlineValue: inlineValue, normalized: true) {
        return hit
      }
    }

    // One key of a JSON flag (vLLM: `--compilation-config.mode`).
    if let hit = configKeyResolution(given, typed: typed, inlineValue: inlineValue) {
      return hit
    }

    // Abbreviation (unique prefix among long spellings).
    if allowsAbbreviation {
      let prefix = "--" + kebab
      let matches = prefixMatches(prefix)
      if matches.count == 1, let i = exactIndex[matches[0]] {
        return FlagResolution(
          flag: flags[i], spelling: typed, matchedSpelling: matches[0], match: .abbreviation,
          isNegated: false, inlineValue: inlineValue)
      }
    }
    return nil
  }

  /// The catalog's primary names closest to `spelling` for a did-you-mean hint.
  public func suggestion(for spelling: String) -> String? {
    let bare = spelling.split(separator: "=", maxSplits: 1).first.map(String.init) ?? spelling
    return DidYouMean.closest(to: bare, in: exactIndex.keys.filter { !$0.hasPrefix("--no-") })
  }

  // MARK: - Private

  private func exact(_ key: String, typed: String, inlineValue: String?, normalized: Bool)
    -> FlagResolution?
  {
    guard let i = exactIndex[key] else { return nil }
    let flag = flags[i]
    let negated = flag.kind == .bool && key != flag.name && key.hasPrefix("--no-")
    let match: FlagResolution.Match =
      normalized ? .normalized : (key == flag.name ? .primary : (negated ? .negation : .alias))
    return FlagResolution(
      flag: flag, spelling: typed, matchedSpelling: key, match: match, isNegated: negated,
      inlineValue: inlineValue)
  }

  /// Long spellings starting with `prefix` (binary search over the sorted list).
  private func prefixMatches(_ prefix: String) -> [String] {
    var lo = 0
    var hi = longSpellings.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if longSpellings[mid] < prefix { lo = mid + 1 } else { hi = mid }
    }
    var result: [String] = []
    var i = lo
    while i < longSpellings.count, longSpellings[i].hasPrefix(prefix) {
      result.append(longSpellings[i])
      i += 1
    }
    return result
  }
}

extension String {
  /// `snake_case` → `kebab-case`.
  fileprivate func replacingUnderscores() -> String {
    String(String.UnicodeScalarView(unicodeScalars.map { $0 == "_" ? "-" : $0 }))
  }
}
