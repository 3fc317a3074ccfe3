import Launch
import Testing

@testable import Schema

@Suite struct EngineConfigRendererTests {
  @Test("flags become a flat map without dashes; bare flags are true; numbers stay numbers")
  func flatMap() throws {
    let out = try EngineConfigRenderer().render(SamplePlans.vllmAggregated(port: 8123))
    let doc = try YAMLChecks.parse(out.text)
    #expect(
      doc.keys == [
        "served-model-name", "tensor-parallel-size", "gpu-memory-utilization",
        "enable-prefix-caching",
        "host", "port",
      ])
    #expect(doc["tensor-parallel-size"]?.resolved == .int(1))
    #expect(doc["gpu-memory-utilization"]?.scalar == "0.90")
    #expect(doc["enable-prefix-caching"]?.resolved == .bool(true))
    #expect(doc["port"]?.resolved == .int(8123))
    #expect(YAMLChecks.isString(doc["host"], "127.0.0.1"))
    #expect(out.warnings.contains { $0.contains("environment") })
  }

  @Test("repeated flags become lists; --flag=value works; a named process is picked")
  func repeatedAndNamed() throws {
    var plan = SamplePlans.vllmAggregated()
    plan.processes.append(
      LaunchProcess(
        name: "other", role: .aggregated,
        argv: ["trtllm-serve", "--x=1", "--lora", "a", "--lora", "b", "--neg", "-1"]))
    let doc = try YAMLChecks.parse(try EngineConfigRenderer(processName: "other").render(plan).text)
    #expect(doc.keys == ["x", "lora", "neg"])
    #expect(YAMLChecks.strings(doc["lora"]) == ["a", "b"])
    #expect(doc["neg"]?.resolved == .int(-1))
    #expect(throws: LaunchError.self) { try EngineConfigRenderer(processName: "nope").render(plan) }
  }
}
