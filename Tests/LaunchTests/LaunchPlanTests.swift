import Foundation
import Launch
import Testing

@Suite struct LaunchPlanTests {
  @Test("JSON output has sorted keys and round-trips, provenance included")
  func json() throws {
    let plan = SamplePlans.vllmAggregated()
    let text = try plan.jsonString()
    #expect(try LaunchPlan(json: text) == plan)
    #expect(text.contains("\"origin\" : {\n"))
    #expect(text.contains("\"kind\" : \"engine-default\""))
    #expect(text.contains("\"nodes\" : {\n    \"count\" : 1\n  }"))
    var hosts = plan
    hosts.nodes = .hosts(["a", "b"])
    #expect(try LaunchPlan(json: try hosts.jsonString()) == hosts)
    // Sorted keys: top-level keys appear in lexical order.
    let keys = [
      "benchmark", "engine", "model", "nodes", "processes", "recipe", "scheduling", "target",
      "warnings",
    ]
    let positions = keys.map { text.range(of: "\n  \"\($0)\" :")?.lowerBound }
    #expect(positions.allSatisfy { $0 != nil })
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
  }

  @Test("node groups follow worker placements")
  func nodeGroups() {
    let plan = SamplePlans.sglangDisaggregated()
    #expect(
      plan.nodeGroups == [
        NodeGroup(role: .prefill, firstNode: 0, nodeCount: 1),
        NodeGroup(role: .decode, firstNode: 1, nodeCount: 2),
      ])
    #expect(plan.totalNodes == 3)
  }

  @Test("node placeholders split only on exact {node:N}")
  func placeholders() {
    #expect(
      NodeHostTemplate.segments("http://{node:1}:80") == [
        .text("http://"), .nodeHost(1), .text(":80"),
      ])
    #expect(
      NodeHostTemplate.segments("{node:x}{node:}{node:2") == [.text("{node:x}{node:}{node:2")])
    #expect(NodeHostTemplate.substitute("{node:0},{node:12}") { "h\($0)" } == "h0,h12")
    #expect(NodeHostTemplate.segments("") == [.text("")])
  }

  @Test("invalid plans are rejected by every renderer", arguments: LaunchTarget.allCases)
  func invalid(_ target: LaunchTarget) {
    var plan = SamplePlans.vllmAggregated()
    plan.processes[0].name = "../x"
    #expect(throws: LaunchError.self) { try target.renderer.render(plan) }
    plan = SamplePlans.vllmAggregated()
    plan.processes[0].readiness?.path = "/health\r\nX: y"
    #expect(throws: LaunchError.self) { try target.renderer.render(plan) }
  }
}

@Suite struct ExtraArgsTests {
  @Test("extra args are appended, recorded as overrides, and duplicates warn")
  func duplicates() {
    var p = SamplePlans.vllmAggregated(port: 8000).processes[0]
    let before = p.argv
    let warnings = p.appendExtraArgs([
      "--port", "9000", "--enforce-eager", "-cc.cudagraph_mode=PIECEWISE",
    ])
    #expect(
      p.argv == before + ["--port", "9000", "--enforce-eager", "-cc.cudagraph_mode=PIECEWISE"])
    #expect(
      warnings == [
        "vllm: extra argument --port repeats a flag already set (was 8000); the extra value wins"
      ])
    #expect(
      p.provenance.suffix(3).map(\.key) == ["--port", "--enforce-eager", "-cc.cudagraph_mode"])
    #expect(p.provenance.last?.origin == ValueOrigin(.override, "-- extra args"))
  }
}
