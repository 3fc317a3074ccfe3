import ArgumentParser
import Registry

struct List: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List every recipe of the registry (or the ones that fail to decode).",
    discussion: """
      Examples:
        registry list                     every valid recipe at HEAD
        registry list --invalid           files under the recipe root that fail, with their errors
        registry list --rev v2025.11 -o paths
      """)

  @Flag(help: "List only the files that fail to decode, with their diagnostics.")
  var invalid = false
  @Option(help: "The git rev to list.")
  var rev = "HEAD"
  @Option(name: .short, help: "Output: table, json, yaml or paths.")
  var output: OutputFormat = .table
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions
}

// The command itself, on its arguments as plain values (see `List+Request.swift`).
extension List.Request {
  func run() throws {
    let terminal = Terminal(colorChoice: global.color)
    let registry = try registryOptions.open()
    let index = try IndexLoading.load(registry, rev: rev, terminal: terminal)
    let s = index.snapshot
    var q = SearchQuery()
    q.includeInvalid = true
    q.statuses = ["experimental", "functional", "benchmarked", "deprecated", "unspecified"]
    let hits = s.search(q).filter { invalid ? s.isInvalid($0) : !s.isInvalid($0) }
    if invalid && !global.json && output == .table {
      let printer = DiagnosticPrinter(terminal: terminal)
      for i in hits { printer.printAll(s.diagnostics(i)) }
      terminal.err("\(hits.count) invalid file\(hits.count == 1 ? "" : "s") of \(s.count)")
      return
    }
    // Paths are unique in a tree: the order is the same whatever sort.
    let byPath = hits.map { (path: s.path($0), record: $0) }.sorted { $0.path < $1.path }
    RecipeListPrinter.print(
      IndexRows(s, byPath.map(\.record), withErrors: invalid), registry: registry.path,
      commit: index.commit.hex, format: global.json ? .json : output, terminal: terminal)
  }
}
