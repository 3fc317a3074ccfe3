import ArgumentParser
import Export
import Foundation
import Registry
import Schema

/// Options shared by `export-index` and `site`.
struct ExportOptions: ParsableArguments {
  @Option(help: "The git rev to export (branch, tag, commit, HEAD~3).")
  var rev = "HEAD"
  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp("The folder to write (created).", valueName: "dir"))
  var output: String
  @Flag(
    name: .customLong("no-history"),
    help: "Leave out the pin history (no git walk per recipe; for huge registries).")
  var noHistory = false
  @Option(
    name: .customLong("history-limit"), help: "Commits examined per recipe for the pin history.")
  var historyLimit = 20

  var exporterOptions: IndexExporter.Options {
    IndexExporter.Options(history: !noHistory, historyLimit: historyLimit)
  }

  /// Runs the export with a progress line on stderr.
  func export(_ registry: RecipeRegistry, keepDocuments: Bool, terminal: Terminal) throws
    -> IndexExporter.Result
  {
    _ = try IndexLoading.load(registry, rev: rev, terminal: terminal)
    let t = terminal
    let result = try IndexExporter(registry: registry, options: exporterOptions).export(
      rev: rev, to: output, keepDocuments: keepDocuments
    ) { done, total in t.progress("exporting \(done)/\(total) recipes…") }
    if result.entries.count >= 256 { terminal.endProgress() }
    return result
  }
}

/// What `export-index` and `site` report with --json.
struct ExportReport: Codable {
  var commit: String
  var count: Int
  var output: String
  var files: [String]
  var history: Bool
  var seconds: Double
}

struct ExportIndex: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export-index",
    abstract: "Write a static, sharded JSON index of the registry at one commit.",
    discussion: """
      Writes DIR/catalog.json (one entry per recipe: the rows of 'registry search -o json'), \
      DIR/recipes/<name>.json (the recipe as v2 JSON, provenance, launch commands by target, \
      pin history, the commit) and DIR/index-meta.json (commit, tree, index schema version, \
      generation time = the commit's time). Same commit, same bytes: serve DIR with any static \
      file server and let HTTP caches and diffs work. Shapes: spec/index/*.schema.json.

      Examples:
        registry export-index -o public/index
        registry export-index --rev v2025.11 -o /srv/recipes/v2025.11
        registry export-index --no-history -o out     skip the per-recipe git walk
      """)

  @OptionGroup var export: ExportOptions
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let terminal = Terminal(colorChoice: global.color)
    let registry = try registryOptions.open()
    var result: IndexExporter.Result?
    let seconds = try Elapsed.time {
      result = try export.export(registry, keepDocuments: false, terminal: terminal)
    }
    guard let result else { return }
    let files = ["catalog.json", "index-meta.json", "recipes/"]
    if global.json {
      try JSONOutput.print(
        ExportReport(
          commit: result.commit.hex, count: result.entries.count, output: export.output,
          files: files,
          history: !export.noHistory, seconds: seconds), terminal: terminal)
    } else if !global.quiet {
      terminal.err(
        "exported \(result.entries.count) recipes at \(result.commit.abbreviated(12)) to \(export.output) in \(fmt(seconds)) s"
      )
    }
  }
}
