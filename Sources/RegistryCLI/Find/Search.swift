import ArgumentParser
import Engines
import Migrate
import Registry
import Schema

struct Search: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Find recipes by GPU, model, engine and version, precision, topology, size.",
    discussion: """
      Filters combine with AND; a repeated --gpu/--precision/--status means any of them. \
      Engine versions come from the recipe's version field or its image tag, and ranges \
      order real spellings (v0.5.5.post2 > v0.5.5 > v0.5.0rc2): >=0.5,<0.6  ~0.5.5  ^0.10  =0.5.8. \
      Deprecated recipes are hidden unless --status deprecated; invalid files with --invalid. \
      --all-registries also searches every remote registry added with 'registry remote add' \
      (as last fetched; 'registry pull NAME' refreshes one); their recipes are named \
      @SCOPE/NAME, which 'show' and 'plan' take as they are. --scope picks registries by name.

      Examples:
        registry search --gpu gb200
        registry search --gpu gb200 --engine sglang --engine-version '>=0.5'
        registry search --engine llama-cpp --engine-version '>=b8000'   llama.cpp builds
        registry search deepseek --mode disagg --min-gpus 16 -o json
        registry search --model qwen3 --rev v2025.11 -o paths
        registry search deepseek-r1-fp8 --all-registries       # also @team/deepseek-r1-fp8
        registry search --gpu h200 --scope team --scope infra -o json
        registry search --gpu h200 --sort throughput-per-gpu --at-ttft '<2s'   fastest first, by results
      """)

  @Argument(help: "Text matched against names and models (case-insensitive).")
  var text: String?

  @Option(name: .long, help: "GPU type (gb200, gb300, h100, h200, b200, gb10...); repeatable.")
  var gpu: [String] = []
  @Option(help: "Model, case-insensitive substring.")
  var model: String?
  @Option(help: "Engine: sglang, vllm, trtllm or llama-cpp.")
  var engine: String?
  @Option(
    name: .customLong("engine-version"),
    help:
      "Engine version range, e.g. '>=0.5,<0.6', '~0.5.5', '^0.10'; llama.cpp builds '>=b8000'.")
  var engineVersion: String?
  @Option(help: "Precision (fp4, fp8, bf16...); repeatable.")
  var precision: [String] = []
  @Option(help: "Topology: agg or disagg.")
  var mode: Topology?
  @Option(name: .customLong("min-gpus"), help: "At least this many GPUs in total.")
  var minGPUs: Int?
  @Option(name: .customLong("max-gpus"), help: "At most this many GPUs in total.")
  var maxGPUs: Int?
  @Option(help: "Exactly this many nodes.")
  var nodes: Int?
  @Option(
    help: "Status (experimental, functional, benchmarked, deprecated, unspecified); repeatable.")
  var status: [String] = []
  @Flag(help: "Include recipes that fail to decode.")
  var invalid = false
  @Option(help: "The git rev to search (branch, tag, commit, HEAD~3).")
  var rev = "HEAD"
  @Flag(
    name: .customLong("all-registries"),
    help: "Also search every remote registry (results named @SCOPE/NAME).")
  var allRegistries = false
  @Option(
    help: ArgumentHelp(
      "Search this remote registry (its recipes named @SCOPE/NAME); repeatable.", valueName: "SCOPE"
    ))
  var scope: [String] = []
  @Option(
    help:
      "Sort by name, model, gpu, gpus, engine-version, or throughput-per-gpu (the best stored result's output tokens/s per GPU; recipes without results last)."
  )
  var sort: SortKey = .name
  @Option(
    name: .customLong("at-ttft"),
    help: ArgumentHelp(
      "With --sort throughput-per-gpu: only result points whose TTFT meets this ('<2s', '<=500ms', 'p99<1.5s'; default statistic mean).",
      valueName: "limit"))
  var atTTFT: String?
  @Option(help: "At most this many results.")
  var limit: Int?
  @Option(name: .short, help: "Output: table, json, yaml or paths.")
  var output: OutputFormat = .table
  @Flag(name: .customLong("fail-on-no-result"), help: "Exit 1 when nothing matches.")
  var failOnNoResult = false

  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  enum SortKey: String, ExpressibleByArgument, CaseIterable {
    case name, model, gpu, gpus
    case engineVersion = "engine-version"
    case throughputPerGPU = "throughput-per-gpu"
  }
}

// The command itself, on its arguments as plain values (see `Search+Request.swift`).
extension Search.Request {
  func validate() throws {
    if atTTFT != nil && sort != .throughputPerGPU {
      throw ValidationError("--at-ttft ranks by results: add --sort throughput-per-gpu")
    }
  }

  func query() throws -> SearchQuery {
    var q = SearchQuery()
    q.text = text
    q.gpus = gpu
    q.model = model
    q.engine = engine
    if let engineVersion {
      do {
        q.engineVersions = try VersionRange(parsing: engineVersion)
      } catch {
        throw ValidationError(
          "--engine-version '\(engineVersion)': \(error.message)\n  hint: \(error.hint)")
      }
    }
    q.precisions = precision
    q.topology = mode
    q.minGPUs = minGPUs
    q.maxGPUs = maxGPUs
    q.nodes = nodes
    q.statuses = status
    q.includeInvalid = invalid
    return q
  }

  func run() throws {
    let q = try query()
    let terminal = Terminal(colorChoice: global.color)
    let registry = try registryOptions.open()
    let index = try IndexLoading.load(registry, rev: rev, terminal: terminal)
    let format = global.json ? .json : output
    let commit = index.commit.hex
    if sort == .name && !allRegistries && scope.isEmpty {
      // The default: order and cut the matching records in the index, then print them from
      // the index (no row built).
      let snapshot = index.snapshot
      // With --limit, the first matches along the index's name order (a few hundred records
      // read for a common filter); else every match, sorted.
      let hits =
        limit.flatMap { snapshot.firstByName(matching: q, limit: $0) }
        ?? snapshot.sortedByName(snapshot.search(q), limit: limit)
      RecipeListPrinter.print(
        IndexRows(snapshot, hits, withErrors: invalid), registry: registry.path, commit: commit,
        format: format, terminal: terminal)
      if failOnNoResult && hits.isEmpty { throw ExitStatus.invalid }
      return
    }
    var rows =
      scope.isEmpty
      ? index.snapshot.search(q).map { RecipeRow(index.snapshot, $0, withErrors: invalid) } : []
    if allRegistries || !scope.isEmpty {
      rows += try ScopedSearch.rows(
        registry, scopes: scope, query: q, withErrors: invalid, terminal: terminal)
    }
    rows.sort(by: sort.order)
    if sort == .throughputPerGPU {
      rows = try ResultRanking.ranked(
        rows, registry: registry, rev: rev, ttft: atTTFT, terminal: terminal,
        quiet: global.quiet || global.json || output != .table)
    }
    if let limit { rows = Array(rows.prefix(max(limit, 0))) }
    RecipeListPrinter.print(
      RecipeRowList(rows), registry: registry.path, commit: commit, format: format,
      terminal: terminal)
    if failOnNoResult && rows.isEmpty { throw ExitStatus.invalid }
  }
}

extension Topology: ExpressibleByArgument {
  public init?(argument: String) {
    switch argument.lowercased() {
    case "agg", "aggregated": self = .aggregated
    case "disagg", "disaggregated": self = .disaggregated
    default: return nil
    }
  }
}

extension Search.SortKey {
  func order(_ a: RecipeRow, _ b: RecipeRow) -> Bool {
    switch self {
    case .name, .throughputPerGPU: return a.name < b.name
    case .model: return (a.model ?? "", a.name) < (b.model ?? "", b.name)
    case .gpu: return (a.gpuType ?? "", a.name) < (b.gpuType ?? "", b.name)
    case .gpus: return (a.totalGPUs ?? 0, a.name) < (b.totalGPUs ?? 0, b.name)
    case .engineVersion:
      let va = a.engineVersion.flatMap { EngineVersion($0) }
      let vb = b.engineVersion.flatMap { EngineVersion($0) }
      switch (va, vb) {
      case (let x?, let y?) where x != y: return x > y
      case (.some, nil): return true
      case (nil, .some): return false
      default: return a.name < b.name
      }
    }
  }
}
