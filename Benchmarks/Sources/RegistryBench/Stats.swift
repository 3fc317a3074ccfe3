/// Minimum, median and maximum of a list of timings (milliseconds).
struct Stats: Sendable, Codable {
  var min: Double
  var median: Double
  var max: Double
  var runs: Int

  init(_ samples: [Double]) {
    let s = samples.sorted()
    runs = s.count
    min = s.first ?? 0
    max = s.last ?? 0
    median = s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
}
