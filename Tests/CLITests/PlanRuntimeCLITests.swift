import Foundation
import TestSupport
import Testing

/// `registry plan` problems, `--force`, `--runtime` and `registry cluster` through the built
/// binary (profiles in a temp config dir through `REGISTRY_CONFIG_DIR`).
@Suite struct PlanRuntimeCLITests {
  static let repo = PackageRoot.url.path

  @Test func aPlanThatCannotRunExitsOneUnlessForced() throws {
    let args = [
      "plan", "deepseek-r1-fp8-h200-agg-tp8", "--repo", Self.repo, "--tp", "16", "--target",
      "slurm",
    ]
    let refused = try RegistryBinary.run(args)
    #expect(refused.status == 1)
    #expect(refused.stdout.isEmpty)
    #expect(refused.stderr.contains("16 GPUs, but 1 node(s) × 8 GPUs = 8"))
    let forced = try RegistryBinary.run(args + ["--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(forced.stdout.contains("--container-image="))
    #expect(forced.stderr.contains("warning: forced: aggregated: 1 worker(s) × TP 16"))

    let shell = try RegistryBinary.run([
      "plan", "deepseek-r1-fp8-h100-disagg-1p2d-tp16", "--repo", Self.repo,
    ])
    #expect(shell.status == 1)
    #expect(shell.stderr.contains("needs 6 nodes"))
  }

  @Test func runtimeNoneIsExplicitInTheJSON() throws {
    let r = try RegistryBinary.run([
      "plan", "deepseek-r1-fp8-h200-agg-tp8", "--repo", Self.repo, "--runtime", "none", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    let warnings = obj?["warnings"] as? [String] ?? []
    #expect(warnings.contains { $0.hasPrefix("runtime none: the pinned image") })
    let p0 = (obj?["processes"] as? [[String: Any]])?.first
    #expect((p0?["container"] as? [String: Any])?["runtime"] as? String == "none")

    let wrong = try RegistryBinary.run([
      "plan", "deepseek-r1-fp8-h200-agg-tp8", "--repo", Self.repo, "--runtime", "pyxis",
    ])
    #expect(wrong.status == 1)
    #expect(wrong.stderr.contains("use one of: docker, podman, none"))
  }

  @Test func clusterProfilesAddListShowRemoveAndPlan() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("cluster-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let setup = "export REGISTRY_CONFIG_DIR='\(dir)'"
    let bin = try RegistryBinary.path()
    func run(_ args: [String]) throws -> Subprocess.Result {
      try Subprocess.run(bin, args, shellSetup: setup)
    }
    let add = try run([
      "cluster", "add", "lab", "--partition", "batch", "--account", "llm", "--gpus-per-node", "8",
      "--runtime", "enroot", "--mount", "/lustre:/lustre",
      "--container", "lmsysorg/sglang:v0.5.8.post1-cu130=/shared/sglang.sqsh",
    ])
    #expect(add.status == 0, "\(add.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir + "/clusters.json"))
    let list = try run(["cluster", "list"])
    #expect(list.stdout.contains("lab  partition batch, account llm, 8 GPUs/node, runtime enroot"))
    let show = try run(["cluster", "show", "lab", "--json"])
    #expect(show.stdout.contains("\"partition\" : \"batch\""))

    let plan = try run([
      "plan", "deepseek-r1-fp8-h200-agg-tp8", "--repo", Self.repo, "--target", "slurm",
      "--cluster", "lab",
    ])
    #expect(plan.status == 0, "\(plan.stderr)")
    #expect(plan.stdout.contains("#SBATCH --partition=batch\n#SBATCH --account=llm\n"))
    #expect(plan.stdout.contains("enroot create --force --name \"$c\" /shared/sglang.sqsh"))
    #expect(plan.stdout.contains("--mount /lustre:/lustre"))

    #expect(try run(["cluster", "remove", "lab"]).status == 0)
    #expect(try run(["cluster", "show", "lab"]).status == 3)
    let missing = try run([
      "plan", "deepseek-r1-fp8-h200-agg-tp8", "--repo", Self.repo, "--cluster", "lab",
    ])
    #expect(missing.status == 3)
    #expect(missing.stderr.contains("no cluster profile 'lab'"))
  }
}
