import Foundation
import Registry
import Results

/// `history NAME --results`: the recipe's stored results across its pins.
enum ResultsHistory {
  static func print(
    _ name: String, rev: String, registry: RecipeRegistry, json: Bool, terminal: Terminal
  )
    throws
  {
    let records = try ResultStore(registry: registry).records(of: name, at: rev).map(\.record)
    if records.isEmpty { _ = try registry.recipe(named: name, at: rev) }
    // Newest first: a larger index is an older commit.
    let walk = (try? registry.repository.commits(from: rev)) ?? []
    let index = Dictionary(walk.enumerated().map { ($1.hex, $0) }, uniquingKeysWith: { a, _ in a })
    let entries = PinTimeline.entries(
      records,
      commitTime: { id in
        guard let oid = ObjectID(hex: id), let commit = try? registry.repository.commit(oid)
        else { return nil }
        return commit.author.time
      },
      commitAge: { index[$0] })
    if json {
      try JSONOutput.print(entries, terminal: terminal)
      return
    }
    if entries.isEmpty {
      terminal.err(
        "\(name) has no stored results\n  hint: registry results add \(name) RESULT.json")
      return
    }
    let rows = entries.map { e -> [String] in
      let points = e.perConcurrency.sorted { (Int($0.key) ?? .max) < (Int($1.key) ?? .max) }
        .map { "c\($0.key) \(ResultTable.format($0.value))" }.joined(separator: ", ")
      let change =
        e.changePercent.map {
          ($0 >= 0 ? "+" : "") + ResultTable.format($0) + "%" + ($0 <= -5 ? " slower" : "")
        } ?? "-"
      return [
        String(e.commit.prefix(12)),
        e.time.map { History.date(Signature(name: "", email: "", time: $0)) } ?? "-",
        e.engineVersion ?? "-", e.best.map(ResultTable.format) ?? "-", change, points,
      ]
    }
    let table = Table(
      headers: [
        "COMMIT", "DATE", "ENGINE", "BEST TOK/S/GPU", "CHANGE", "TOK/S/GPU BY CONCURRENCY",
      ],
      rows: rows, dropOrder: [1, 5])
    terminal.out(table.render(width: terminal.tableWidth, color: terminal.stdoutColor).text)
  }
}
