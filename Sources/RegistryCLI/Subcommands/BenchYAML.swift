import ArgumentParser
import Schema

struct BenchYAML: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "yaml",
    abstract: "Parse generated recipes with the document layer and with raw libyaml; print MB/s and the ratio.",
    discussion: """
      Budget: the document layer over libyaml takes at most 2× the raw libyaml time. Recipes \
      in the plain subset of YAML (block mappings, one-line scalars and flow collections) are \
      read by the layer's own scanner instead of libyaml, giving the same trees; that figure \
      is printed too, next to the same reference, and the one without comments (as the index \
      reads recipes: the tree is built straight from the scanner's events).
      """)

  @Option(help: "How many recipes to generate.")
  var count = 20_000

  @Option(help: "Timed repetitions; the best is reported.")
  var iterations = 5

  @OptionGroup var global: GlobalOptions

  struct Report: Codable {
    var recipes: Int
    var bytes: Int
    var rawLibYAMLSeconds: Double
    var documentLayerSeconds: Double
    /// The layer as `registry` uses it: the subset scanner where it applies.
    var withSubsetScannerSeconds: Double
    /// The same without comments, as the index reads recipes.
    var withoutCommentsSeconds: Double
    var rawMBps: Double
    var documentMBps: Double
    var ratio: Double
    var budget: Double
    var withinBudget: Bool
  }

  func run() throws {
    var gen = SyntheticRecipes(seed: 7)
    let docs = (0..<count).map { Array(gen.v1Recipe(name: "bench-\($0)").utf8) }
    let bytes = docs.reduce(0) { $0 + $1.count }
    var sink = 0
    let raw = BenchTimer.best(of: iterations) { for d in docs { sink &+= RawLibYAML.countEvents(d) } }
    let layer = BenchTimer.best(of: iterations) {
      for d in docs {
        if let doc = try? YAML.parseStreamWithLibYAML(d, comments: true).first { sink &+= doc.root.mapping?.count ?? 0 }
      }
    }
    let scanner = BenchTimer.best(of: iterations) {
      for d in docs {
        if let doc = try? YAML.parseStream(d).first { sink &+= doc.root.mapping?.count ?? 0 }
      }
    }
    let uncommented = BenchTimer.best(of: iterations) {
      for d in docs {
        if let doc = try? YAML.parseStream(d, comments: false).first { sink &+= doc.root.mapping?.count ?? 0 }
      }
    }
    let mb = Double(bytes) / 1_000_000
    let report = Report(
      recipes: count, bytes: bytes, rawLibYAMLSeconds: raw, documentLayerSeconds: layer,
      withSubsetScannerSeconds: scanner, withoutCommentsSeconds: uncommented,
      rawMBps: mb / raw, documentMBps: mb / layer, ratio: layer / raw, budget: 2.0,
      withinBudget: layer / raw <= 2.0)
    if global.json {
      try JSONOutput.print(report)
    } else {
      let t = Terminal(colorChoice: global.color)
      t.out("recipes            \(count) (\(fmt(mb)) MB)")
      t.out("raw libyaml events \(fmt(raw * 1000)) ms  \(fmt(report.rawMBps)) MB/s")
      t.out("document layer     \(fmt(layer * 1000)) ms  \(fmt(report.documentMBps)) MB/s (every event from libyaml)")
      t.out("ratio              \(fmt(report.ratio))× raw libyaml (budget ≤ 2×) \(report.withinBudget ? "ok" : "OVER BUDGET")")
      t.out("subset scanner     \(fmt(scanner * 1000)) ms  \(fmt(scanner / raw))× raw libyaml (as registry reads plain recipes)")
      t.out("without comments   \(fmt(uncommented * 1000)) ms  \(fmt(uncommented / raw))× raw libyaml (as the index reads them)")
    }
    if sink == 42 { print("") }
  }
}

/// Two decimals, no Foundation.
func fmt(_ x: Double) -> String {
  guard x.isFinite else { return String(x) }
  let r = (x * 100).rounded() / 100
  var s = String(r)
  if let dot = s.firstIndex(of: ".") {
    let decimals = s.distance(from: dot, to: s.endIndex) - 1
    if decimals == 1 { s += "0" }
  } else {
    s += ".00"
  }
  return s
}
