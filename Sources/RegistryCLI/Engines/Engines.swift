import ArgumentParser
import Engines
import Migrate
import Registry
import Schema

struct Engines: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "engines",
    abstract: "List the engine flag catalogs the registry knows, or the flags of one.",
    discussion: """
      Without arguments: each engine, its catalogued versions, flag counts and the source each \
      catalog was read from. With ENGINE VERSION: the flags of that catalog (a version between \
      two catalogs uses the nearest lower one, and says so). llama.cpp versions are build \
      numbers (b8094); its catalogs are named by a lower bound of the build they were read \
      from, so every match is approximate, and said so. With --flag: one flag across every \
      catalogued version of the engine — when it appeared, was deprecated, renamed or removed. \
      Catalogs come from spec/engines (see its README) or the copies built into the binary.

      Examples:
        registry engines
        registry engines sglang 0.5.1
        registry engines vllm 0.11.0 --json
        registry engines sglang --flag enable-ep-moe
        registry engines diff sglang 0.5.5 0.5.8
        registry engines llama-cpp --flag no-mmap

      `registry engines diff ENGINE FROM TO` lists the flags added, removed, renamed (the old \
      spelling is an alias of another flag, or the rename table replaces it) or given another \
      default between two versions (--json for a document).

      An engine plugin's catalogs hold the flags it adds to its engine (vllm-omni: to vllm \
      serve); `registry engines vllm-omni 0.30.0` lists them. A recipe that lists the plugin \
      in engine.plugins is checked against both.
      """)

  @Argument(help: "sglang, vllm, trtllm, llama-cpp, or a plugin: vllm-omni.")
  var engine: String?
  @Argument(help: "An engine version.")
  var version: String?
  @Argument(help: .hidden)
  var rest: [String] = []
  @Option(help: ArgumentHelp("Show one flag across versions.", valueName: "NAME"))
  var flag: String?
  @OptionGroup var global: GlobalOptions

  struct CatalogRow: Codable {
    var engine: String
    var version: String
    var flags: Int
    var deprecated: Int
    var source: String?

    /// The row of `catalog`, listed under `name` (an engine or a plugin).
    init(_ name: String, _ catalog: FlagCatalog) {
      engine = name
      version = catalog.version.normalized
      flags = catalog.flags.count
      deprecated = catalog.flags.count { $0.deprecated }
      source = catalog.source
    }
  }

  struct FlagRow: Codable {
    var flag: String
    var kind: String
    var type: String
    var `default`: String
    var choices: [String]
    var aliases: [String]
    var deprecated: Bool
  }

  struct FlagHistory: Codable {
    var version: String
    var present: Bool
    var spelling: String?
    var deprecated: Bool
    var note: String?
  }

  func run() throws {
    let terminal = Terminal(colorChoice: global.color)
    let store: FlagCatalogStore
    do { store = try FlagCatalogStore.load() } catch { throw CLIError("flag catalogs: \(error)") }
    guard let engineName = engine else { return try list(store, terminal) }
    if engineName == "diff" {
      guard let diffEngine = version, rest.count == 2 else {
        throw CLIError("usage: registry engines diff ENGINE FROM TO", kind: .invalidRequest)
      }
      return try EnginesDiff(engine: diffEngine, from: rest[0], to: rest[1], json: global.json)
        .run(store: store, terminal: terminal)
    }
    if !rest.isEmpty {
      throw CLIError("unexpected arguments: \(rest.joined(separator: " "))", kind: .invalidRequest)
    }
    if let plugin = EnginePlugin(rawValue: engineName) {
      return try pluginFlags(store, plugin, terminal)
    }
    guard let e = EngineName(name: engineName) else {
      let known = EngineName.allCases.map(\.rawValue) + EnginePlugin.allCases.map(\.rawValue)
      throw CLIError(
        "unknown engine '\(engineName)'; known: \(known.joined(separator: ", "))",
        kind: .invalidRequest)
    }
    if let flag { return try history(store, e, flag, terminal) }
    guard let version else {
      return try list(store, terminal, only: e)
    }
    guard let v = EngineVersion(version) else {
      throw CLIError("'\(version)' is not a version", kind: .invalidRequest)
    }
    let match = store.catalog(engine: e, version: v)
    guard let catalog = match.catalog else { throw CLIError(match.note, kind: .notFound) }
    if match.kind != .exact { terminal.err("note: \(match.note)") }
    try printFlags(catalog, terminal)
  }

  /// `registry engines PLUGIN [VERSION]`: the plugin's catalogs, or the flags of one (the
  /// nearest lower release when `version` has none).
  private func pluginFlags(_ store: FlagCatalogStore, _ plugin: EnginePlugin, _ terminal: Terminal)
    throws
  {
    if flag != nil {
      throw CLIError(
        "--flag follows an engine's flags; for \(plugin) list a release's flags",
        kind: .invalidRequest)
    }
    guard let version else {
      let rows = store.catalogs(plugin: plugin).map { CatalogRow(plugin.rawValue, $0) }
      if global.json { return try JSONOutput.print(rows, terminal: terminal) }
      for r in rows {
        terminal.out("\(r.engine) \(r.version)  \(r.flags) flags added to \(plugin.engine)")
      }
      return
    }
    guard let v = EngineVersion(version) else {
      throw CLIError("'\(version)' is not a version", kind: .invalidRequest)
    }
    guard let catalog = store.catalog(plugin: plugin, version: v) else {
      throw CLIError("no \(plugin) flag catalog at or below \(version)", kind: .notFound)
    }
    if catalog.version != v {
      terminal.err("note: no \(plugin) catalog for \(version); using \(catalog.version.normalized)")
    }
    try printFlags(catalog, terminal)
  }

  /// One catalog's flags, a line each (or `--json`).
  private func printFlags(_ catalog: FlagCatalog, _ terminal: Terminal) throws {
    let rows = catalog.flags.map {
      FlagRow(
        flag: $0.name, kind: $0.kind.rawValue, type: $0.type, default: $0.defaultValue,
        choices: $0.choices, aliases: $0.aliases, deprecated: $0.deprecated)
    }
    if global.json { return try JSONOutput.print(rows, terminal: terminal) }
    if let source = catalog.source { terminal.err("source: \(source)") }
    for r in rows {
      var line = "\(r.flag)  \(r.kind == "bool" ? "switch" : r.type)"
      if !r.default.isEmpty, r.default != "None" { line += "  default \(r.default)" }
      if !r.choices.isEmpty { line += "  {\(r.choices.joined(separator: ","))}" }
      if !r.aliases.isEmpty { line += "  aliases \(r.aliases.joined(separator: ","))" }
      if r.deprecated { line += "  DEPRECATED" }
      terminal.out(line)
    }
  }

  private func list(_ store: FlagCatalogStore, _ terminal: Terminal, only: EngineName? = nil) throws
  {
    var rows: [CatalogRow] = []
    for e in store.engines where only == nil || only == e {
      rows += store.catalogs(engine: e).map { CatalogRow(e.rawValue, $0) }
    }
    if global.json { return try JSONOutput.print(rows, terminal: terminal) }
    for r in rows {
      terminal.out(
        "\(r.engine) \(r.version)  \(r.flags) flags (\(r.deprecated) deprecated)  \(r.source ?? "")"
      )
    }
    let renames = store.renameTable.filter { r in only == nil || r.engine == only }.count
    terminal.err("\(rows.count) catalogs, \(renames) recorded renames; origin: \(store.origin)")
  }

  private func history(
    _ store: FlagCatalogStore, _ e: EngineName, _ name: String, _ terminal: Terminal
  ) throws {
    let spelling = name.hasPrefix("-") ? name : "--" + name
    var out: [FlagHistory] = []
    var seen = false
    for c in store.catalogs(engine: e) {
      let hit = c.resolve(spelling)
      let renames = store.renameTable.filter {
        $0.engine == e && $0.since == c.version
          && NamedFieldFlags.normalize($0.old) == NamedFieldFlags.normalize(spelling)
      }
      var note: String?
      if let r = renames.first {
        note = r.new.map { "replaced by \($0) (\(r.note))" } ?? "removed (\(r.note))"
      } else if hit != nil, !seen {
        note = "first catalogued here"
      } else if hit == nil, seen {
        note = "gone"
      }
      seen = seen || hit != nil
      out.append(
        FlagHistory(
          version: c.version.normalized, present: hit != nil, spelling: hit?.flag.name,
          deprecated: hit?.flag.deprecated ?? false, note: note))
    }
    if global.json { return try JSONOutput.print(out, terminal: terminal) }
    for h in out {
      var line = "\(e) \(h.version)  " + (h.present ? "\(h.spelling ?? spelling)" : "-")
      if h.deprecated { line += "  DEPRECATED" }
      if let n = h.note { line += "  \(n)" }
      terminal.out(line)
    }
    if !seen, let c = store.catalogs(engine: e).last, let near = c.suggestion(for: spelling) {
      terminal.err("'\(spelling)' is in no \(e) catalog; did you mean '\(near)'?")
    }
  }
}
