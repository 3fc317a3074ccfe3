import Foundation

/// The results `registry site` puts in its page: per recipe, the chart's points (TTFT mean vs
/// output tokens/s per GPU, as `registry plot` draws them by default) and the table of
/// `registry results`.
public enum SiteResults {
  struct Entry: Encodable {
    var x: String
    var y: String
    var points: [Point]
    var headers: [String]
    var rows: [[String]]
  }

  struct Point: Encodable {
    var x: Double
    var y: Double
    var concurrency: Int?
  }

  /// The page's `results-data` JSON (sorted keys), nil when no recipe has results.
  public static func json(_ records: [String: [StoredRecord]]) -> String? {
    if records.isEmpty { return nil }
    let axes = ChartSeries.Axes()
    var out: [String: Entry] = [:]
    for (name, stored) in records {
      let list = stored.map(\.record)
      let points = axes.series([(name, list)]).first?.points ?? []
      out[name] = Entry(
        x: axes.xTitle, y: axes.yTitle,
        points: points.map { Point(x: $0.x, y: $0.y, concurrency: $0.concurrency) },
        headers: ResultTable.headers, rows: ResultTable.rows(list))
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(out)).map { String(decoding: $0, as: UTF8.self) }
  }
}
