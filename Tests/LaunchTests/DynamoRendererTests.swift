import Launch
import TestSupport
import Testing

@testable import Schema

@Suite struct DynamoRendererTests {
  @Test("the DGD is the last document; a model cache adds two before it", arguments: [false, true])
  func documents(_ withCache: Bool) throws {
    let renderer = DynamoRenderer(modelCache: withCache ? ModelCacheOptions() : nil)
    for plan in [
      SamplePlans.dynamoVLLM(), SamplePlans.sglangDisaggregated(), SamplePlans.vllmAggregated(),
    ] {
      let docs = try YAML.parseStream(Array(try renderer.render(plan).text.utf8))
      #expect(docs.count == (withCache ? 3 : 1))
    }
  }

  @Test(
    "DGD validates against the strict v1alpha1 CRD schema",
    .requiresJSONSchema("dgd-v1alpha1.openapi.strict.json"), arguments: [false, true])
  func schema(_ withCache: Bool) throws {
    let renderer = DynamoRenderer(modelCache: withCache ? ModelCacheOptions() : nil)
    for plan in [
      SamplePlans.dynamoVLLM(), SamplePlans.sglangDisaggregated(), SamplePlans.vllmAggregated(),
    ] {
      let text = try renderer.render(plan).text
      let docs = try YAML.parseStream(Array(text.utf8))
      #expect(docs.count == (withCache ? 3 : 1))
      let dgd = try #require(docs.last)
      try ScriptChecks.jsonSchema(YAMLEmitter.emit(dgd), schema: "dgd-v1alpha1.openapi.strict.json")
    }
  }

  @Test("services follow the seed-003 shape")
  func shape() throws {
    let plan = SamplePlans.dynamoVLLM()
    let out = try DynamoRenderer().render(plan)
    let doc = try YAMLChecks.parse(out.text)
    #expect(YAMLChecks.isString(doc["apiVersion"], "nvidia.com/v1alpha1"))
    #expect(YAMLChecks.isString(doc["kind"], "DynamoGraphDeployment"))
    #expect(YAMLChecks.isString(YAMLChecks.at(doc, "metadata", "name"), "qwen3-32b-vllm-disagg"))
    #expect(YAMLChecks.isString(YAMLChecks.at(doc, "spec", "backendFramework"), "vllm"))
    let services = try #require(YAMLChecks.at(doc, "spec", "services"))
    #expect(services.keys == ["Frontend", "VllmPrefillWorker", "VllmDecodeWorker"])
    #expect(YAMLChecks.isString(services["Frontend"]?["componentType"], "frontend"))
    let decode = try #require(services["VllmDecodeWorker"])
    #expect(YAMLChecks.isString(decode["componentType"], "worker"))
    #expect(YAMLChecks.isString(decode["subComponentType"], "decode"))
    #expect(decode["replicas"]?.resolved == .int(2))
    #expect(YAMLChecks.isString(YAMLChecks.at(decode, "resources", "limits", "gpu"), "2"))
    let main = try #require(YAMLChecks.at(decode, "extraPodSpec", "mainContainer"))
    #expect(YAMLChecks.isString(main["image"], "nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.8.0"))
    #expect(YAMLChecks.strings(main["command"]) == ["python3", "-m", "dynamo.vllm"])
    #expect(
      (YAMLChecks.strings(main["command"]) ?? []) + (YAMLChecks.strings(main["args"]) ?? [])
        == plan.processes[2].argv)
    let env = try #require(main["env"]?.sequence)
    #expect(env.count == 1)
    #expect(YAMLChecks.isString(env[0]["name"], "DYN_LOG"))
    #expect(YAMLChecks.isString(env[0]["value"], "info"))
  }

  @Test(
    "multi-node SGLang decode gets multinode.nodeCount; the benchmark is reported, not dropped silently"
  )
  func multinode() throws {
    let out = try DynamoRenderer().render(SamplePlans.sglangDisaggregated())
    let doc = try YAMLChecks.parse(out.text)
    let decode = try #require(YAMLChecks.at(doc, "spec", "services", "SglangDecodeWorker"))
    #expect(YAMLChecks.at(decode, "multinode", "nodeCount")?.resolved == .int(2))
    #expect(out.warnings.contains { $0.contains("benchmark") })
  }
}
