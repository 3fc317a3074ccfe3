import ArgumentParser
import Foundation
import Registry
import Results

/// `registry plot RECIPE... -o chart.svg`: throughput vs latency from stored results.
struct PlotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plot",
    abstract: "Chart stored results: throughput vs latency, one line per recipe (or per pin).",
    discussion: """
      Each line runs through a recipe's workload points in concurrency order (each point \
      labelled with its concurrency): x is a latency in ms (--x ttft, tpot, itl or e2e; \
      --stat mean, p50, p90 or p99), y the output tokens/s per GPU (--total: of the whole \
      deployment). Points that lack either figure are left out. --by-pin draws one line per \
      engine version the recipe was measured at, to see which pin made it slower. Without -o \
      the SVG goes to stdout; --json prints the points instead.

      Examples:
        registry plot deepseek-r1-fp8-h200-agg-tp8 deepseek-r1-fp8-h200-disagg -o chart.svg
        registry plot NAME --x tpot --stat p99 -o tpot.svg
        registry plot NAME --by-pin -o pins.svg
      """)

  @Argument(help: "Recipes (NAME, or NAME@REV for the results stored at a rev).")
  var recipes: [String]
  @Option(name: .shortAndLong, help: "The SVG file to write (default: stdout).")
  var output: String?
  @Option(help: "The latency on x: ttft, tpot, itl or e2e.")
  var x: ChartSeries.Axes.Latency = .ttft
  @Option(help: "The statistic of that latency: mean, p50, p90 or p99.")
  var stat: LatencyStats.Statistic = .mean
  @Flag(help: "Total output tokens/s on y instead of per GPU.")
  var total = false
  @Flag(name: .customLong("by-pin"), help: "One line per engine version of each recipe.")
  var byPin = false
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let registry = try registryOptions.open()
    let store = ResultStore(registry: registry)
    var groups: [(label: String, records: [ResultRecord])] = []
    for text in recipes {
      let reference = RecipeReference(parsing: text)
      let records = try store.records(of: reference.name, at: reference.rev ?? "HEAD").map(\.record)
      if records.isEmpty {
        _ = try registry.recipe(named: reference.name, at: reference.rev ?? "HEAD")
        Terminal().err("warning: \(reference.name) has no stored results")
      }
      if byPin {
        let pins = Dictionary(grouping: records) { $0.engine.version ?? "unknown" }
        for pin in pins.keys.sorted() {
          groups.append(("\(text) @ \(pin)", pins[pin] ?? []))
        }
      } else {
        groups.append((text, records))
      }
    }
    let axes = ChartSeries.Axes(latency: x, statistic: stat, perGPU: !total)
    let series = axes.series(groups)
    let terminal = Terminal(colorChoice: global.color)
    if global.json {
      try JSONOutput.print(
        PlotJSON(
          x: axes.xTitle, y: axes.yTitle,
          series: series.map {
            .init(
              label: $0.label,
              points: $0.points.map { .init(x: $0.x, y: $0.y, concurrency: $0.concurrency) })
          }), terminal: terminal)
      return
    }
    let title = "Throughput vs \(x.rawValue.uppercased()) (\(stat.rawValue))"
    let svg = ResultChart.svg(series, axes: axes, title: title)
    guard let output else {
      terminal.out(svg)
      return
    }
    do {
      try svg.write(toFile: output, atomically: true, encoding: .utf8)
    } catch {
      throw CLIError("\(output): cannot write the chart: \(error.localizedDescription)")
    }
    if !global.quiet {
      let points = series.map(\.points.count).reduce(0, +)
      terminal.err("wrote \(output): \(series.count) line(s), \(points) point(s)")
    }
  }
}

/// `plot --json`.
struct PlotJSON: Encodable {
  struct Series: Encodable {
    var label: String
    var points: [Point]
  }
  struct Point: Encodable {
    var x: Double
    var y: Double
    var concurrency: Int?
  }
  var x: String
  var y: String
  var series: [Series]
}

extension ChartSeries.Axes.Latency: ExpressibleByArgument {}
extension LatencyStats.Statistic: ExpressibleByArgument {}
