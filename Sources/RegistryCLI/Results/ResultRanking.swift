import Registry
import Results

/// `search --sort throughput-per-gpu [--at-ttft LIMIT]`: recipe rows ordered by their best
/// stored result (output tokens/s per GPU among the points whose TTFT meets the limit).
enum ResultRanking {
  /// `rows` ranked; unless `quiet`, the figure of each ranked recipe goes to stderr (the table
  /// on stdout keeps its columns).
  static func ranked(
    _ rows: [RecipeRow], registry: RecipeRegistry, rev: String, ttft: String?,
    terminal: Terminal, quiet: Bool
  ) throws -> [RecipeRow] {
    let limit = try ttft.map { (text) throws(ResultError) in try LatencyLimit(parsing: text) }
    let stored = try ResultStore(registry: registry).allRecords(at: rev)
    let records = stored.mapValues { $0.map(\.record) }
    var byName = Dictionary(grouping: rows, by: \.name)
    let (names, best) = BestPoint.order(rows.map(\.name), records: records, ttft: limit)
    if !quiet {
      let condition = limit.map { " at TTFT \($0)" } ?? ""
      terminal.err("ranked by best output tokens/s per GPU\(condition):")
      for n in names {
        guard let b = best[n], let v = b.figures.outputTokensPerSPerGPU else { continue }
        let ttftText =
          b.figures.ttft.value(limit?.statistic ?? .mean).map {
            ", TTFT \(limit?.statistic.rawValue ?? "mean") \(ResultTable.format($0)) ms"
          } ?? ""
        terminal.err(
          "  \(n): \(ResultTable.format(v)) tok/s/GPU at concurrency \(b.workload.concurrency.map(String.init) ?? "?")\(ttftText)"
        )
      }
      let without = names.filter { best[$0] == nil }.count
      if without > 0 { terminal.err("  \(without) recipe(s) without a qualifying result, last") }
    }
    return names.compactMap { byName[$0]?.isEmpty == false ? byName[$0]?.removeFirst() : nil }
  }
}
