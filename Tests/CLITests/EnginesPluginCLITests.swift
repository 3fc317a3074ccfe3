import Testing

/// `registry engines vllm-omni [VERSION]`: the plugin's catalogs and the flags one adds.
@Suite struct EnginesPluginCLITests {
  @Test func listsThePluginsCatalogsAndFlags() {
    let all = InProcessCommandTests.run(["engines", "vllm-omni"])
    #expect(all.status == 0, "\(all)")
    #expect(all.stdout.split(separator: "\n").count == 9, "\(all)")
    #expect(all.stdout.contains("vllm-omni 0.30.0  92 flags added to vllm"))
    let one = InProcessCommandTests.run(["engines", "vllm-omni", "0.29.0"])
    #expect(one.status == 0)
    #expect(one.stderr.contains("using 0.28.0"))
    #expect(one.stdout.contains("--model-class-name  str"))
    #expect(!one.stdout.contains("--max-model-len"))
    let none = InProcessCommandTests.run(["engines", "vllm-omni", "0.10.0"])
    #expect(none.status != 0 && none.stderr.contains("no vllm-omni flag catalog at or below"))
  }
}
