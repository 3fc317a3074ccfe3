import Results
import Testing

/// Each importer reads its tool's file into normalised figures (ms, per second, p50 = median,
/// TPOT vs ITL), and runs that measured nothing are rejected where the file shows it.
@Suite struct ImporterTests {
  @Test(arguments: ResultFixtures.accepted.map(\.file))
  func detectsTheFormatAndReadsEveryPoint(_ file: String) throws {
    let expected = try #require(ResultFixtures.accepted.first { $0.file == file })
    let points = try ResultFormat.read(try ResultFixtures.bytes(file), file: file)
    #expect(points.count == expected.points)
    #expect(points.allSatisfy { $0.format == expected.format })
    #expect(points.allSatisfy { $0.figures.outputTokensPerS > 0 })
  }

  @Test func sglangLinesAreOnePointEachAndMedianIsP50() throws {
    let file = "sglang-bench_serving.handwritten.jsonl"
    let points = try ResultFormat.read(try ResultFixtures.bytes(file), file: file)
    #expect(points.map(\.workload.concurrency) == [4, 8])
    #expect(points.map(\.line) == [1, 2])
    let p = points[0]
    #expect(p.figures.outputTokensPerS == 250.5)
    #expect(p.figures.ttft.meanMs == 180.0)
    #expect(p.figures.ttft.p50Ms == 162.0)  // median_ttft_ms
    #expect(p.figures.ttft.p99Ms == 360.0)
    #expect(p.figures.e2e.meanMs == 16004.0)  // mean_e2e_latency_ms
    #expect(p.workload.isl == 1024 && p.workload.osl == 1024)
    // request_rate: Infinity (Python's json.dumps of inf) reads as unlimited.
    #expect(p.workload.requestRatePerS == nil)
    #expect(p.figures.completed == 40)
    #expect(p.figures.failed == nil)
  }

  @Test func vllmKeepsPercentilesAndFailures() throws {
    let file = "vllm-bench-serve.handwritten.json"
    let p = try #require(try ResultFormat.read(try ResultFixtures.bytes(file), file: file).first)
    #expect(p.workload.concurrency == 16)
    #expect(p.workload.prompts == 160)
    #expect(p.workload.requestRatePerS == nil)  // "inf"
    #expect(p.figures.failed == 0)
    #expect(p.figures.ttft.p90Ms == 95.0 * 1.3)
    #expect(p.figures.e2e.p99Ms == 10900.0)  // p99_e2el_ms
    #expect(p.at == "2026-12-07T18:30:00")
  }

  @Test func saBenchTakesGPUsFromItsFileNameAndFailuresFromPrompts() throws {
    let file = "some/dir/results_concurrency_8_gpus_16_ctx_8_gen_8.sa-bench.handwritten.json"
    let bytes = try ResultFixtures.bytes(
      "results_concurrency_8_gpus_16_ctx_8_gen_8.sa-bench.handwritten.json")
    let p = try #require(try ResultFormat.read(bytes, file: file).first)
    #expect(p.format == .saBench)
    #expect(p.gpus == 16 && p.prefillGPUs == 8 && p.decodeGPUs == 8)
    #expect(p.figures.failed == 0)  // num_prompts - completed
    #expect(p.figures.ttft.p90Ms == nil)  // not written without --metric-percentiles 90
  }

  @Test func aiperfInterTokenLatencyIsTPOTAndChunksAreITL() throws {
    let file = "aiperf-profile_export_aiperf.handwritten.json"
    let p = try #require(try ResultFormat.read(try ResultFixtures.bytes(file), file: file).first)
    #expect(p.figures.tpot.meanMs == 9.2)
    #expect(p.figures.itl.meanMs == 9.0)
    #expect(p.figures.ttft.p90Ms == 190.0)
    #expect(p.workload.concurrency == 32)  // the profiling phase, not the warmup's 4
    #expect(p.figures.outputTokens == 94488)
    #expect(p.figures.completed == 372 && p.figures.failed == 0)
    #expect(p.figures.durationS == 30.0)
    #expect(p.toolVersion == "0.13.0")
  }

  @Test func genaiPerfConcurrencyFromItsStimulus() throws {
    let file = "genai-perf-profile_export_genai_perf.handwritten.json"
    let p = try #require(try ResultFormat.read(try ResultFixtures.bytes(file), file: file).first)
    #expect(p.format == .genaiPerf)
    #expect(p.workload.concurrency == 32)
    #expect(p.figures.tpot.p99Ms == 14.2)
    #expect(p.figures.itl.isEmpty)
  }

  @Test func metricUnitsBecomeMilliseconds() throws {
    let text = """
      {"aiperf_version": "0.13.0",
       "output_token_throughput": {"unit": "tokens/sec", "avg": 10},
       "time_to_first_token": {"unit": "ns", "avg": 2500000, "p99": 4000000},
       "request_latency": {"unit": "s", "avg": 1.5},
       "inter_token_latency": {"unit": "us", "avg": 800}}
      """
    let p = try #require(try ResultFormat.read(Array(text.utf8), file: "x.json").first)
    #expect(p.figures.ttft.meanMs == 2.5)
    #expect(p.figures.ttft.p99Ms == 4.0)
    #expect(p.figures.e2e.meanMs == 1500)
    #expect(p.figures.tpot.meanMs == 0.8)
  }

  @Test func llamaBenchyRunsArePointsWithMeans() throws {
    let file = "llama-benchy.generated.json"
    let points = try ResultFormat.read(try ResultFixtures.bytes(file), file: file)
    #expect(points.map(\.workload.concurrency) == [1, 4])
    #expect(points.map(\.workload.isl) == [512, 512])
    #expect(points.map(\.workload.osl) == [32, 32])
    #expect(abs(points[0].figures.outputTokensPerS - 100) < 0.001)
    #expect(abs((points[1].figures.ttft.meanMs ?? 0) - 122.5) < 0.001)
    #expect(points[0].toolVersion == "0.4.0")
  }

  @Test func zeroOutputTokensAreRejectedAtTheKey() throws {
    let file = "sglang-zero-output.handwritten.jsonl"
    let bytes = try ResultFixtures.bytes(file)
    let error = try #require(throws: ResultError.self) {
      try ResultFormat.read(bytes, file: file)
    }
    #expect(error.reason == .rejected)
    #expect(error.line == 2)
    let line = String(decoding: bytes, as: UTF8.self).split(separator: "\n")[1]
    let column =
      line.distance(
        from: line.startIndex,
        to: try #require(line.range(of: "\"total_output_tokens\""))
          .lowerBound) + 1
    #expect(error.column == column)
    #expect(error.description.hasPrefix("\(file):2:\(column): zero output tokens"))
    #expect(error.description.contains("hint: "))
  }

  @Test func allFailedIsRejected() throws {
    let file = "vllm-all-failed.handwritten.json"
    let error = try #require(throws: ResultError.self) {
      try ResultFormat.read(try ResultFixtures.bytes(file), file: file)
    }
    #expect(error.reason == .rejected)
    #expect(error.message == "all 40 requests failed")
    #expect(error.line == 13)  // "completed" in the pretty-printed file
  }

  @Test func notAResultFileNamesTheFormats() throws {
    let error = try #require(throws: ResultError.self) {
      try ResultFormat.read(Array(#"{"hello": 1}"#.utf8), file: "x.json")
    }
    #expect(error.reason == .unknownFormat)
    #expect(error.description.contains("--format"))
    let bad = try #require(throws: ResultError.self) {
      try ResultFormat.read(Array("{\"completed\": 1}\nnot json\n".utf8), file: "y.jsonl")
    }
    #expect(bad.reason == .unreadable && bad.line == 2)
  }
}
