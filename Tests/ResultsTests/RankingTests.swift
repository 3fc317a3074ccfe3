import Results
import Testing

/// `search --sort throughput-per-gpu --at-ttft LIMIT`: limits parse, and the best point is the
/// highest tokens/s per GPU among those meeting the limit.
@Suite struct RankingTests {
  static func record(_ name: String, c: Int, perGPU: Double, ttftMean: Double?, p99: Double? = nil)
    -> ResultRecord
  {
    var figures = ResultRecord.Figures(
      outputTokensPerS: perGPU * 8, ttft: LatencyStats(meanMs: ttftMean, p99Ms: p99))
    figures.dividePerGPU(by: 8)
    return ResultRecord(
      recipe: .init(name: name, blob: "", commit: ""), engine: .init(),
      hardware: .init(gpus: 8), workload: .init(concurrency: c), figures: figures,
      run: .init(tool: "sglang"), source: .init(file: "f", format: "sglang"))
  }

  @Test(arguments: [
    ("<2s", LatencyStats.Statistic.mean, 2000.0, false),
    ("<=500ms", .mean, 500, true),
    ("p99<1.5s", .p99, 1500, false),
    ("P50 <= 250", .p50, 250, true),
  ])
  func limitsParse(_ text: String, _ statistic: LatencyStats.Statistic, _ ms: Double, _ incl: Bool)
    throws
  {
    let limit = try LatencyLimit(parsing: text)
    #expect(limit.statistic == statistic && limit.limitMs == ms && limit.inclusive == incl)
  }

  @Test(arguments: [">2s", "<", "<abc", "p75<2s", "<0", "2s"])
  func badLimitsSayWhatIsAccepted(_ text: String) {
    let error = #expect(throws: ResultError.self) { try LatencyLimit(parsing: text) }
    #expect(error?.reason == .invalidRequest)
    #expect(error?.hint?.contains("'<2s'") == true)
  }

  @Test func bestPointMeetsTheLimit() throws {
    let records = [
      Self.record("a", c: 4, perGPU: 100, ttftMean: 300),
      Self.record("a", c: 16, perGPU: 300, ttftMean: 1900),
      Self.record("a", c: 64, perGPU: 500, ttftMean: 4200),
    ]
    #expect(BestPoint.best(records)?.workload.concurrency == 64)
    let under2s = try LatencyLimit(parsing: "<2s")
    #expect(BestPoint.best(records, ttft: under2s)?.workload.concurrency == 16)
    let under100ms = try LatencyLimit(parsing: "<100ms")
    #expect(BestPoint.best(records, ttft: under100ms) == nil)
    // A statistic the tool did not report never qualifies.
    let p99 = try LatencyLimit(parsing: "p99<10s")
    #expect(BestPoint.best(records, ttft: p99) == nil)
  }

  @Test func orderRanksRecipesWithResultsFirst() throws {
    let records: [String: [ResultRecord]] = [
      "slow": [Self.record("slow", c: 8, perGPU: 50, ttftMean: 100)],
      "fast": [
        Self.record("fast", c: 8, perGPU: 400, ttftMean: 3000),
        Self.record("fast", c: 4, perGPU: 40, ttftMean: 150),
      ],
    ]
    let all = BestPoint.order(["none", "slow", "fast"], records: records, ttft: nil)
    #expect(all.names == ["fast", "slow", "none"])
    let limited = BestPoint.order(
      ["none", "slow", "fast"], records: records, ttft: try LatencyLimit(parsing: "<2s"))
    #expect(limited.names == ["slow", "fast", "none"])
    #expect(limited.best["fast"]?.workload.concurrency == 4)
  }
}

/// `history NAME --results`: one entry per pin measured, oldest first, with the change.
@Suite struct PinTimelineTests {
  static func record(commit: String, version: String, c: Int, perGPU: Double) -> ResultRecord {
    var r = RankingTests.record("r", c: c, perGPU: perGPU, ttftMean: 100)
    r.recipe = .init(name: "r", blob: "b-" + commit, commit: commit)
    r.engine.version = version
    return r
  }

  @Test func entriesFollowCommitTimeAndShowTheChange() {
    let records = [
      Self.record(commit: "new", version: "0.5.6", c: 8, perGPU: 80),
      Self.record(commit: "old", version: "0.5.5", c: 8, perGPU: 100),
      Self.record(commit: "old", version: "0.5.5", c: 4, perGPU: 60),
      Self.record(commit: "old", version: "0.5.5", c: 8, perGPU: 90),
      Self.record(commit: "gone", version: "0.5.7", c: 8, perGPU: 120),
    ]
    let times = ["old": Int64(100), "new": 200]
    let entries = PinTimeline.entries(records) { times[$0] }
    #expect(entries.map(\.commit) == ["old", "new", "gone"])
    #expect(entries[0].perConcurrency == ["4": 60, "8": 100])
    #expect(entries[0].best == 100 && entries[0].changePercent == nil)
    #expect(entries[1].changePercent == -20)
    #expect(entries[2].changePercent == 50)
    #expect(entries[2].time == nil)
  }

  @Test func commitsOfOneSecondOrderByHistory() {
    // Both commits in the same second; ids that sort the wrong way round.
    let records = [
      Self.record(commit: "a-newer", version: "0.5.6", c: 8, perGPU: 80),
      Self.record(commit: "b-older", version: "0.5.5", c: 8, perGPU: 100),
    ]
    let entries = PinTimeline.entries(
      records, commitTime: { _ in 100 }, commitAge: { ["a-newer": 0, "b-older": 1][$0] })
    #expect(entries.map(\.commit) == ["b-older", "a-newer"])
    #expect(entries[1].changePercent == -20)
  }
}
