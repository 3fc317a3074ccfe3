import Foundation
import TestSupport
import Testing

@testable import RegistryCLI

/// `show --as FORMAT` that loses data fails as `convert` does, unless `--allow-loss`.
@Suite struct ShowLossTests {
  static let repo = InProcessCommandTests.repo
  /// A trtllm recipe on B200: vllm-args cannot hold its engine or precision.
  static let name = "deepseek-r1-0528-fp4-b200-trtllm-agg-tep8-mtp3"

  @Test func aLossyFormatFailsListingTheLoss() throws {
    let args = ["show", Self.name, "--as", "vllm-args", "--repo", Self.repo]
    let refused = InProcessCommandTests.run(args)
    #expect(refused.status == 1)
    #expect(refused.stdout.isEmpty)
    let lines = refused.stderr.split(separator: "\n")
    #expect(
      lines.contains(
        "error: cannot express engine.name = trtllm: vllm-args holds vLLM flags only [engine.name]")
    )
    #expect(
      lines.contains(
        "error: cannot express model.precision = fp4: vllm-args does not record the weight precision [model.precision]"
      ))
    let losses = lines.filter { $0.hasPrefix("error: cannot express ") }.count
    #expect(lines.last == "\(losses) losses: nothing printed (pass --allow-loss to show it anyway)")
    #expect(try InProcessCommandTests.binary(args) == refused)

    let allowed = InProcessCommandTests.run(args + ["--allow-loss"])
    #expect(allowed.status == 0)
    #expect(!allowed.stdout.isEmpty)
    #expect(allowed.stderr.contains("warning: cannot express engine.name = trtllm"))

    let json = InProcessCommandTests.run(args + ["--json"])
    #expect(json.status == 1)
    let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(report?["text"] == nil)
    let diagnostics = report?["diagnostics"] as? [[String: Any]] ?? []
    #expect(diagnostics.filter { $0["code"] as? String == "loss" }.count == losses)
  }

  @Test func aFormatThatHoldsEverythingPrints() {
    let r = InProcessCommandTests.run(["show", Self.name, "--as", "v2", "--repo", Self.repo])
    #expect(r.status == 0, "\(r)")
    #expect(r.stdout.hasPrefix("schema: v2"))
  }
}
