import Foundation
import TestSupport
import Testing

/// `registry plan` through the built binary, against the package's embedded registry.
@Suite struct PlanCLITests {
  static let repo = PackageRoot.url.path

  @Test func planShellPrintsAScript() throws {
    let r = try RegistryBinary.run([
      "plan", "deepseek-r1-fp8-h200-agg-tp8", "--repo", Self.repo, "--target", "shell",
      "--set", "launcher.srt_slurm.frontend.type=sglang",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("#!/usr/bin/env bash\n"))
    #expect(r.stdout.contains("sglang.launch_server"))
    #expect(r.stdout.contains("# commit "))
    let check = try Subprocess.run("/bin/bash", ["-n", "-c", r.stdout])
    #expect(check.status == 0, "\(check.stderr)")
  }

  @Test func planJSONExplainAndClusterOnly() throws {
    let json = try RegistryBinary.run([
      "plan", "gpt-oss-120b-mxfp4-spark-vllm-solo", "--repo", Self.repo, "--json", "--port", "9000",
    ])
    #expect(json.status == 0, "\(json.stderr)")
    let obj = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(obj?["engine"] as? String == "vllm")

    let explain = try RegistryBinary.run([
      "plan", "gpt-oss-120b-mxfp4-spark-vllm-solo", "--repo", Self.repo, "--explain", "--gpu-mem",
      "0.8", "--", "--port", "1",
    ])
    #expect(explain.status == 0)
    #expect(explain.stdout.contains("override (--gpu-mem 0.8)"))
    #expect(
      explain.stderr.contains("warning: worker: extra argument --port repeats a flag already set"))

    let solo = try RegistryBinary.run([
      "plan", "minimax-m2-5-awq-spark-vllm-cluster", "--repo", Self.repo, "--solo",
    ])
    #expect(solo.status == 1)
    #expect(solo.stderr.contains("requires cluster mode"))
    #expect(solo.stdout.isEmpty)

    let bad = try RegistryBinary.run([
      "plan", "gpt-oss-120b-mxfp4-spark-vllm-solo", "--repo", Self.repo, "--set",
      "serving.tensor_parallel_sise=2",
    ])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("did you mean 'tensor_parallel_size'?"))
  }
}
