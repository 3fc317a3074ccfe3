import Schema

#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif

/// All shipped engine flag catalogs and the rename table.
///
/// Catalogs live as data in `spec/engines/<engine>/<version>.tsv` and
/// `spec/engines/renames.tsv`; the flags an engine plugin adds (``EnginePlugin``) in
/// `spec/engines/<plugin>/<version>.tsv`, overlaid on the engine's catalog by
/// ``catalog(for:version:)``. ``load(environment:executablePath:currentDirectory:)``
/// uses, in order:
/// 1. the directory named by the `REGISTRY_SPEC_DIR` environment variable (either the
///    `spec` folder or `spec/engines` itself);
/// 2. `spec/engines` in the executable's folder or any ancestor of it;
/// 3. `spec/engines` in the current directory or any ancestor of it;
/// 4. the copies compiled into the binary (`EmbeddedCatalogs.generated.swift`, written by
///    `scripts/embed-resources`), so the CLI works from anywhere.
public struct FlagCatalogStore: Sendable {
  /// Where the catalogs came from.
  public enum Origin: Sendable, Hashable {
    /// A `spec/engines` directory on disk.
    case directory(String)
    /// The texts compiled into the binary.
    case embedded
  }

  /// The environment variable naming the spec directory.
  public static let environmentVariable = "REGISTRY_SPEC_DIR"

  /// Where the catalogs came from.
  public let origin: Origin
  /// Catalogs per engine, oldest first, each parsed when first used.
  let catalogsByEngine: [Engine: [LazyFlagCatalog]]
  /// The flags each plugin adds, per plugin release, oldest first, each parsed when first used.
  let catalogsByPlugin: [EnginePlugin: [LazyFlagCatalog]]
  /// Every row of renames.tsv, in file order.
  public let renameTable: [FlagRename]
  /// Every row of `<engine>/registered-parsers.tsv`.
  public let registeredNameTable: [RegisteredNames]

  // MARK: - Loading

  /// Loads the catalogs found on disk, or the embedded ones when none are found.
  ///
  /// - Parameters: each defaults (when nil) to the running process's value.
  /// - Throws: ``FlagCatalogError`` when a found catalog is malformed.
  public static func load(
    environment: [String: String]? = nil,
    executablePath: String? = nil,
    currentDirectory: String? = nil
  ) throws(FlagCatalogError) -> FlagCatalogStore {
    if let dir = locateDirectory(
      environment: environment ?? ProcessInfo.processInfo.environment,
      executablePath: executablePath ?? currentExecutablePath(),
      currentDirectory: currentDirectory ?? FileManager.default.currentDirectoryPath)
    {
      return try FlagCatalogStore(directory: dir)
    }
    return try embedded()
  }

  /// The catalogs compiled into the binary.
  ///
  /// - Throws: ``FlagCatalogError`` only if the generated file is malformed (a test guards this).
  public static func embedded() throws(FlagCatalogError) -> FlagCatalogStore {
    try parsedEmbedded.get()
  }

  /// The embedded catalogs parsed once per process, on first use (a plan or lint of many
  /// recipes in one process must not parse every table for each).
  private static let parsedEmbedded: Result<FlagCatalogStore, FlagCatalogError> = Result {
    () throws(FlagCatalogError) -> FlagCatalogStore in
    try FlagCatalogStore(files: EmbeddedCatalogs.files, origin: .embedded, parseNow: { _, _ in false })
  }

  /// Loads every catalog under a `spec/engines` directory.
  ///
  /// - Parameter directory: the `spec/engines` folder.
  /// - Throws: ``FlagCatalogError`` `.unreadable` or a TSV parse error.
  public init(directory: String) throws(FlagCatalogError) {
    let fm = FileManager.default
    var files: [String: String] = [:]
    for sub in Engine.allCases.map(\.rawValue) + EnginePlugin.allCases.map(\.rawValue) {
      let folder = directory + "/" + sub
      guard let names = try? fm.contentsOfDirectory(atPath: folder) else { continue }
      for name in names where name.hasSuffix(".tsv") {
        files[sub + "/" + name] = try Self.read(folder + "/" + name)
      }
    }
    let renames = directory + "/renames.tsv"
    if fm.fileExists(atPath: renames) { files["renames.tsv"] = try Self.read(renames) }
    guard !files.isEmpty else {
      throw FlagCatalogError(kind: .unreadable(path: directory), file: directory, line: 0)
    }
    // A table that is not the compiled-in text may be malformed: parse it now, so that the
    // command fails here with its location.
    let embedded = EmbeddedCatalogs.files
    try self.init(
      files: files, origin: .directory(directory), parseNow: { embedded[$0] != $1 })
  }

  /// Builds a store from file texts keyed by path relative to `spec/engines`; the tables
  /// `parseNow(path, text)` selects are parsed (and checked) now, the others when first used
  /// (``LazyFlagCatalog``).
  init(files: [String: String], origin: Origin, parseNow: (String, String) -> Bool)
    throws(FlagCatalogError)
  {
    func table(_ engine: Engine, _ version: EngineVersion, _ path: String, _ text: String)
      throws(FlagCatalogError) -> LazyFlagCatalog
    {
      parseNow(path, text)
        ? try LazyFlagCatalog(parsing: text, engine: engine, version: version, file: path)
        : LazyFlagCatalog(engine: engine, version: version, text: text, file: path)
    }
    var byEngine: [Engine: [LazyFlagCatalog]] = [:]
    var byPlugin: [EnginePlugin: [LazyFlagCatalog]] = [:]
    var registered: [RegisteredNames] = []
    for (path, text) in files {
      if path.hasSuffix("/registered-parsers.tsv") { registered += RegisteredNames.parse(text) }
      let parts = path.split(separator: "/")
      guard parts.count == 2, parts[1].hasSuffix(".tsv"),
        let version = EngineVersion(String(parts[1].dropLast(4)))
      else { continue }
      if let engine = Engine(rawValue: String(parts[0])) {
        byEngine[engine, default: []].append(try table(engine, version, path, text))
      } else if let plugin = EnginePlugin(rawValue: String(parts[0])) {
        // A plugin's flags are spelled and parsed as its engine's.
        byPlugin[plugin, default: []].append(try table(plugin.engine, version, path, text))
      }
    }
    for key in byEngine.keys { byEngine[key]?.sort { $0.version < $1.version } }
    for key in byPlugin.keys { byPlugin[key]?.sort { $0.version < $1.version } }
    self.catalogsByEngine = byEngine
    self.catalogsByPlugin = byPlugin
    self.renameTable =
      try files["renames.tsv"].map { text throws(FlagCatalogError) in
        try RenameTableParser.parse(text, file: "renames.tsv")
      } ?? []
    self.registeredNameTable = registered.sorted {
      ($0.engine.rawValue, $0.flag) < ($1.engine.rawValue, $1.flag)
        || (($0.engine, $0.flag) == ($1.engine, $1.flag) && $0.version < $1.version)
    }
    self.origin = origin
  }

  // MARK: - Locating

  /// Finds a `spec/engines` directory; see the type documentation for the order.
  public static func locateDirectory(
    environment: [String: String], executablePath: String?, currentDirectory: String?
  ) -> String? {
    if let value = environment[environmentVariable], !value.isEmpty {
      for candidate in [value + "/engines", value] where isCatalogDirectory(candidate) {
        return candidate
      }
    }
    for start in [executablePath.map(parent(of:)), currentDirectory].compactMap({ $0 }) {
      var dir = start
      while true {
        let candidate = (dir == "/" ? "" : dir) + "/spec/engines"
        if isCatalogDirectory(candidate) { return candidate }
        let up = parent(of: dir)
        if up == dir { break }
        dir = up
      }
    }
    return nil
  }

  /// The running executable's path (`/proc/self/exe` on Linux, else `argv[0]`).
  public static func currentExecutablePath() -> String? {
    if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return target
    }
    return CommandLine.arguments.first
  }

  private static func isCatalogDirectory(_ path: String) -> Bool {
    (try? FileManager.default.contentsOfDirectory(atPath: path + "/sglang")) != nil
  }

  private static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  private static func read(_ path: String) throws(FlagCatalogError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw FlagCatalogError(kind: .unreadable(path: path), file: path, line: 0)
    }
    return String(decoding: data, as: UTF8.self)
  }

  // MARK: - Queries

  /// Engines with at least one catalog.
  public var engines: [Engine] { Engine.allCases.filter { catalogsByEngine[$0] != nil } }

  /// The catalogued versions of `engine`, oldest first.
  public func versions(engine: Engine) -> [EngineVersion] {
    (catalogsByEngine[engine] ?? []).map(\.version)
  }

  /// The newest catalog of `engine`.
  public func newestCatalog(engine: Engine) -> FlagCatalog? {
    catalogsByEngine[engine]?.last?.catalog
  }

  /// Every catalog of `engine`, oldest first (each table is parsed on first use: prefer
  /// ``catalog(engine:version:)`` or ``versions(engine:)`` where one will do).
  public func catalogs(engine: Engine) -> [FlagCatalog] {
    (catalogsByEngine[engine] ?? []).map(\.catalog)
  }

  /// The catalog for `version`, or the nearest lower one, and a note saying which. When the
  /// catalog that would be picked is approximate (``FlagCatalog/isApproximate``), or none is
  /// at or below `version` but the oldest is approximate, the match is `.approximate` and the
  /// note names the catalog's source and why its version is not exact.
  public func catalog(engine: Engine, version: EngineVersion) -> CatalogMatch {
    let all = catalogsByEngine[engine] ?? []
    if let picked = (all.last(where: { $0.version <= version }) ?? all.first)?.catalog,
      picked.isApproximate
    {
      let why = (picked.build ?? "").dropFirst("approximate:".count).drop { $0 == " " }
      return CatalogMatch(
        engine: engine, requested: version, kind: .approximate, catalog: picked,
        note: "\(engine) \(version) is checked against the \(engine) flag catalog "
          + "\(picked.version.normalized) (\(picked.source ?? "no source line")); the match is "
          + "approximate: \(why)")
    }
    if let exact = all.first(where: { $0.version == version })?.catalog {
      return CatalogMatch(
        engine: engine, requested: version, kind: .exact, catalog: exact,
        note: "\(engine) flag catalog \(exact.version.normalized) matches \(version) exactly")
    }
    if let lower = all.last(where: { $0.version < version })?.catalog {
      let newer =
        all.first(where: { $0.version > version }).map {
          "; next catalogued version is \($0.version.normalized)"
        } ?? "; it is the newest catalogued version"
      return CatalogMatch(
        engine: engine, requested: version, kind: .nearestLower, catalog: lower,
        note: "no \(engine) flag catalog for \(version); using the nearest lower one, "
          + "\(lower.version.normalized) (flags added after it are not known)\(newer)")
    }
    let oldest =
      all.first.map { "; the oldest catalogued version is \($0.version.normalized)" } ?? ""
    return CatalogMatch(
      engine: engine, requested: version, kind: .none, catalog: nil,
      note: "no \(engine) flag catalog at or below \(version)\(oldest)")
  }

  /// Renames that apply when moving a recipe of `engine` from version `from` to `to`:
  /// rows with `from < since <= to`, ordered by `since` then table order. Empty when
  /// `to <= from` (downgrades are not rewritten).
  public func renames(engine: Engine, from: EngineVersion, to: EngineVersion) -> [FlagRename] {
    guard from < to else { return [] }
    let rows = renameTable.enumerated().filter {
      $0.element.engine == engine && from < $0.element.since && $0.element.since <= to
    }
    return rows.sorted {
      $0.element.since != $1.element.since
        ? $0.element.since < $1.element.since : $0.offset < $1.offset
    }.map(\.element)
  }

  /// The names registered for `flag` (any spelling the catalog resolves) in `version`
  /// or the nearest lower captured version; nil when none are recorded.
  public func registeredNames(engine: Engine, version: EngineVersion, flag: String)
    -> RegisteredNames?
  {
    let primary =
      catalog(engine: engine, version: version).catalog?.resolve(flag)?.flag.name ?? flag
    return registeredNameTable.last {
      $0.engine == engine && $0.flag == primary && $0.version <= version
    }
  }

  /// Flags of the `from` catalog of which no spelling (primary or alias) exists in the
  /// `to` catalog. Catalogs are picked as by ``catalog(engine:version:)`` (exact or
  /// nearest lower); empty when either has none.
  public func removed(engine: Engine, from: EngineVersion, to: EngineVersion) -> [FlagSpec] {
    guard let old = catalog(engine: engine, version: from).catalog,
      let new = catalog(engine: engine, version: to).catalog
    else { return [] }
    return old.flags.filter { flag in !flag.spellings.contains(where: new.hasSpelling) }
  }
}
