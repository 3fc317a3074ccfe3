import ArgumentParser
import Export
import Foundation
import Registry
import Results
import Schema

struct Site: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "site",
    abstract: "Write the static JSON index plus a self-contained, filterable index.html.",
    discussion: """
      DIR gets everything 'registry export-index' writes and index.html: one file with inline \
      CSS and JS, no network at view time, that lists recipes in a table and filters by GPU, \
      engine, engine version, model text, topology and status; a recipe's detail view shows the \
      recipe, its engine command line per role, its pin history, and its stored benchmark \
      results (a throughput vs TTFT chart and the 'registry results' table). It works opened from \
      file:// (the catalog is inlined) and served by any static server.

      Detail documents are inlined when there are at most 2000 recipes (--inline-details auto):
      about 3-6 KB each. Above that the page loads recipes/<name>.json when served over HTTP \
      and asks to be served when opened from file://.

      Filters can be set in the URL: index.html?gpu=gb200&engine=sglang&version=>=0.5 \
      (also model, topology, status, invalid=1); #recipe=NAME opens a recipe.

      Examples:
        registry site -o out && xdg-open out/index.html
        registry site --rev v2025.11 -o public
        registry site --no-history --inline-details never -o public    a huge registry
      """)

  @OptionGroup var export: ExportOptions
  @Option(
    name: .customLong("inline-details"),
    help: "Inline every detail document in index.html: auto (≤ 2000 recipes), always, never.")
  var inlineDetails: SitePage.InlineDetails = .auto
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let terminal = Terminal(colorChoice: global.color)
    let registry = try registryOptions.open()
    let start = ContinuousClock.now
    let count = try registry.index(at: export.rev).snapshot.count
    let inline = inlineDetails.inlines(count: count)
    let result = try export.export(registry, keepDocuments: inline, terminal: terminal)
    let stored = try ResultStore(registry: registry).allRecords(at: export.rev)
    let page = try SitePage.write(
      result, to: export.output, resultsJSON: SiteResults.json(stored))
    let seconds = Elapsed.seconds(ContinuousClock.now - start)
    if global.json {
      try JSONOutput.print(
        ExportReport(
          commit: result.commit.hex, count: result.entries.count, output: export.output,
          files: ["index.html", "catalog.json", "index-meta.json", "recipes/"],
          history: !export.noHistory,
          seconds: seconds), terminal: terminal)
    } else if !global.quiet {
      terminal.err(
        "wrote \(page): \(result.entries.count) recipes at \(result.commit.abbreviated(12))\(inline ? "" : " (details not inlined)") in \(fmt(seconds)) s"
      )
    }
  }
}

extension SitePage.InlineDetails: ExpressibleByArgument {}
