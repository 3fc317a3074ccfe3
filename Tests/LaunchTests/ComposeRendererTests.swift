import Launch
import TestSupport
import Testing

@testable import Schema

@Suite struct ComposeRendererTests {
  static let plans: [(String, LaunchPlan)] = [
    ("vllm aggregated", SamplePlans.vllmAggregated()),
    ("sglang disaggregated", SamplePlans.sglangDisaggregated()),
    ("dynamo", SamplePlans.dynamoVLLM()),
  ]

  @Test(
    "compose output validates against compose-spec.json", .requiresJSONSchema("compose-spec.json"),
    arguments: plans.indices)
  func schema(_ index: Int) throws {
    let text = try ComposeRenderer().render(Self.plans[index].1).text
    try ScriptChecks.jsonSchema(text, schema: "compose-spec.json")
    try ScriptChecks.jsonSchema(
      try ComposeRenderer(hostNetwork: true).render(Self.plans[index].1).text,
      schema: "compose-spec.json")
  }

  @Test("services carry exact exec-form argv, string env, GPUs, healthcheck and depends_on")
  func structure() throws {
    let plan = SamplePlans.sglangDisaggregated()
    let doc = try YAMLChecks.parse(try ComposeRenderer().render(plan).text)
    let services = try #require(doc["services"])
    #expect(
      services.keys == [
        "prefill", "decode", "decode-rank1", "router", "benchmark-c2", "benchmark-c8",
      ])

    let prefill = try #require(services["prefill"])
    let argv =
      (YAMLChecks.strings(prefill["entrypoint"]) ?? [])
      + (YAMLChecks.strings(prefill["command"]) ?? [])
    #expect(argv == plan.processes[0].argv)
    #expect(YAMLChecks.isString(prefill["environment"]?["PREFILL_ONLY"], "yes"))
    #expect(
      prefill["environment"]?["PREFILL_ONLY"]?.scalarStyle == .doubleQuoted,
      "YAML 1.1 would read yes as a bool")
    #expect(YAMLChecks.isString(prefill["environment"]?["SGLANG_JIT_DEEPGEMM_FAST_WARMUP"], "1"))
    #expect(YAMLChecks.isString(prefill["ipc"], "host"))
    #expect(YAMLChecks.isString(prefill["shm_size"], "64g"))
    #expect(YAMLChecks.strings(prefill["ports"]) == ["30000:30000"])
    let device = try #require(
      YAMLChecks.at(prefill, "deploy", "resources", "reservations", "devices")?.sequence?.first)
    #expect(YAMLChecks.isString(device["driver"], "nvidia"))
    #expect(device["count"]?.resolved == .int(8))
    #expect(YAMLChecks.strings(device["capabilities"]) == ["gpu"])
    #expect(YAMLChecks.strings(prefill["healthcheck"]?["test"])?.first == "CMD")
    #expect(
      YAMLChecks.strings(prefill["healthcheck"]?["test"])?.last == "http://127.0.0.1:30000/health")

    let decode1 = try #require(services["decode-rank1"])
    #expect(
      YAMLChecks.strings(decode1["command"])?.suffix(6) == [
        "--dist-init-addr", "decode:5757", "--nnodes", "2", "--node-rank", "1",
      ])

    let router = try #require(services["router"])
    #expect(router["depends_on"]?.keys == ["prefill", "decode"])
    #expect(YAMLChecks.isString(router["depends_on"]?["decode"]?["condition"], "service_healthy"))
    #expect(YAMLChecks.strings(router["command"])?.contains("http://decode:30001") == true)

    let c8 = try #require(services["benchmark-c8"])
    #expect(
      YAMLChecks.isString(
        c8["depends_on"]?["benchmark-c2"]?["condition"], "service_completed_successfully"))
    #expect(YAMLChecks.isString(c8["depends_on"]?["router"]?["condition"], "service_healthy"))
    #expect(YAMLChecks.strings(c8["command"])?.suffix(2) == ["--max-concurrency", "8"])
    #expect(YAMLChecks.isString(c8["restart"], "no"))
  }

  @Test("pinned GPU ids become device_ids")
  func deviceIDs() throws {
    let doc = try YAMLChecks.parse(try ComposeRenderer().render(SamplePlans.vllmAggregated()).text)
    let device = YAMLChecks.at(
      doc, "services", "vllm", "deploy", "resources", "reservations", "devices")?.sequence?.first
    #expect(YAMLChecks.strings(device?["device_ids"]) == ["0"])
    #expect(device?["count"] == nil)
  }
}
