import Foundation
import Launch
import Schema
import Testing

/// The reproductions of issue 17's list, items 1–3: containers named through the runtime, and
/// plans that cannot run listed as problems (the CLI exits 1 on them unless `--force`).
@Suite struct PlanProblemsTests {
  static func slurm(_ name: String, _ options: PlanOptions = PlanOptions(target: .slurm))
    throws -> (LaunchPlan, String)
  {
    let plan = try RealRecipes.plan(name, options)
    return (plan, try SlurmRenderer().render(plan).text)
  }

  // MARK: - 1. Containers

  @Test("the SLURM script names the container in every srun step (pyxis by default)")
  func slurmNamesContainer() throws {
    let (plan, text) = try Self.slurm("deepseek-r1-0528-fp4-gb200-disagg-4p1d-dep32-mid-curve")
    let steps = text.components(separatedBy: "\nsrun ").count - 1
    #expect(steps > plan.processes.count)
    #expect(text.components(separatedBy: "--container-image=").count - 1 == steps)
    #expect(text.components(separatedBy: "--no-container-mount-home").count - 1 == steps)
    let image = try #require(plan.processes[0].image)
    #expect(text.contains("--container-image=\(image)"))
  }

  @Test("every embedded srt-slurm recipe names its container per process in the SLURM plan")
  func srtSlurmRecipesNameContainers() throws {
    let srt = RealRecipes.all.filter { $0.recipe.launcher?.tools[.srtSlurm] != nil }
    #expect(!srt.isEmpty)
    for e in srt {
      let plan = try Planner().plan(
        e.recipe, reference: RecipeReference(name: e.recipe.name),
        options: PlanOptions(target: .slurm))
      for p in plan.processes {
        let c = try #require(p.container, "\(e.recipe.name): \(p.name)")
        #expect(c.runtime == .pyxis)
        #expect(c.image == p.image)
        #expect(c.mounts.contains(ContainerMount(source: "$RUN_DIR", target: "/logs")))
      }
      let text = try SlurmRenderer().render(plan).text
      #expect(text.contains("--container-image="), "\(e.recipe.name)")
    }
  }

  @Test("shell runs the pinned image with docker; --runtime none says the image is not used")
  func shellImage() throws {
    let plan = try RealRecipes.plan("deepseek-r1-fp8-h200-agg-tp8")
    let text = try ShellRenderer().render(plan).text
    let image = try #require(plan.processes[0].image)
    #expect(text.contains("docker run --rm --network host --ipc host --shm-size 16g --gpus 8"))
    #expect(text.contains("--entrypoint python3 \(image) -m "))

    let none = try RealRecipes.plan(
      "deepseek-r1-fp8-h200-agg-tp8", PlanOptions(runtime: ContainerRuntime.none))
    #expect(none.processes[0].container?.runtime == ContainerRuntime.none)
    #expect(none.warnings.contains { $0.contains("the pinned image \(image) is not used") })
    let hostText = try ShellRenderer().render(none).text
    #expect(!hostText.contains("docker"))
    #expect(hostText.contains("is not used"))
    let json = try none.jsonString()
    #expect(json.contains("is not used"))
    #expect(json.contains("\"runtime\" : \"none\""))
  }

  @Test("a runtime the target cannot render is refused")
  func wrongRuntime() throws {
    #expect(throws: PlanningError.self) {
      try RealRecipes.plan(
        "deepseek-r1-fp8-h200-agg-tp8", PlanOptions(target: .shell, runtime: .pyxis))
    }
    #expect(throws: PlanningError.self) {
      try RealRecipes.plan(
        "deepseek-r1-fp8-h200-agg-tp8", PlanOptions(target: .slurm, runtime: .docker))
    }
  }

  @Test("a local model directory is mounted at /model and the workers read it there")
  func localModel() throws {
    var recipe = try RealRecipes.named("deepseek-r1-fp8-h200-agg-tp8")
    recipe.model.path = "/lustre/models/DeepSeek-R1"
    let plan = try Planner().plan(
      recipe, reference: RecipeReference(name: recipe.name), options: PlanOptions(target: .slurm))
    let c = try #require(plan.processes[0].container)
    #expect(
      c.mounts.contains(ContainerMount(source: "/lustre/models/DeepSeek-R1", target: "/model")))
    #expect(plan.processes[0].argv.contains("/model"))
    #expect(!plan.processes[0].argv.contains("/lustre/models/DeepSeek-R1"))
    let text = try SlurmRenderer().render(plan).text
    #expect(
      text.contains("--container-mounts=\"$RUN_DIR\":/logs,/lustre/models/DeepSeek-R1:/model"))
  }

  // MARK: - Cluster profiles

  @Test("a cluster profile fills in partition, account, GPUs, runtime, mounts and image aliases")
  func clusterProfile() throws {
    let name = "deepseek-r1-fp8-h200-agg-tp8"
    let image = try #require(try RealRecipes.named(name).engineImage)
    let cluster = ClusterProfile(
      name: "c", partition: "batch", account: "llm", timeLimit: "04:00:00", gpusPerNode: 4,
      runtime: .enroot, mounts: [ContainerMount(source: "/lustre", target: "/lustre")],
      containers: [image: "/shared/sglang.sqsh"])
    let (plan, text) = try Self.slurm(name, PlanOptions(target: .slurm, cluster: cluster))
    #expect(plan.scheduling.partition == "batch")
    #expect(plan.scheduling.account == "llm")
    #expect(plan.scheduling.gpusPerNode == 8, "the recipe's gpus_per_node wins")
    let c = try #require(plan.processes[0].container)
    #expect(c.runtime == .enroot)
    #expect(c.image == "/shared/sglang.sqsh")
    #expect(c.mounts.contains(ContainerMount(source: "/lustre", target: "/lustre")))
    #expect(text.contains("#SBATCH --partition=batch\n#SBATCH --account=llm\n"))
    #expect(text.contains("enroot create --force --name \"$c\" /shared/sglang.sqsh"))
    // --runtime wins over the profile's.
    let pyxis = try RealRecipes.plan(
      name, PlanOptions(target: .slurm, runtime: .pyxis, cluster: cluster))
    #expect(pyxis.processes[0].container?.runtime == .pyxis)
  }

  @Test("srt-slurm's slurm block and sbatch_directives reach the sbatch header; --set wins")
  func srtSlurmScheduling() throws {
    var recipe = try RealRecipes.named("deepseek-r1-0528-fp4-b300-trtllm-agg-tep8-mtp3")
    let doc = try YAML.parse(
      """
      slurm: {time_limit: "02:00:00", partition: gb300}
      sbatch_directives: {cpus-per-task: "144", mem: "0", requeue: ""}
      container_mounts: {/lustre/cache: /cache}
      extra_mount: ["/scratch:/scratch"]
      setup_script: deps.sh
      """
    ).root
    recipe.launcher?.tools[.srtSlurm] = doc
    let options = PlanOptions(
      target: .slurm,
      overrides: [.set(path: "launcher.srt_slurm.slurm.partition", value: "p2", source: "--set")],
      cluster: ClusterProfile(name: "c", partition: "batch", account: "acct"))
    let plan = try Planner().plan(
      recipe, reference: RecipeReference(name: recipe.name), options: options)
    let text = try SlurmRenderer().render(plan).text
    #expect(
      text.contains(
        "#SBATCH --time=02:00:00\n#SBATCH --partition=p2\n#SBATCH --account=acct\n#SBATCH --cpus-per-task=144\n#SBATCH --mem=0\n#SBATCH --requeue\n"
      ))
    let c = try #require(plan.processes[0].container)
    #expect(c.mounts.contains(ContainerMount(source: "/lustre/cache", target: "/cache")))
    #expect(c.mounts.contains(ContainerMount(source: "/scratch", target: "/scratch")))
    #expect(plan.processes[0].setupScript == "/configs/deps.sh")
    #expect(text.contains("bash /configs/deps.sh"))
  }

  // MARK: - 2. Plans for the wrong place

  @Test("a multi-node recipe for shell without --nodes is a problem; with --nodes it is not")
  func shellMultiNode() throws {
    let name = "deepseek-r1-fp8-h100-disagg-1p2d-tp16"
    let plan = try RealRecipes.plan(name)
    #expect(plan.problems().contains { $0.contains("needs 6 nodes") && $0.contains("--nodes") })
    let hosts = try RealRecipes.plan(
      name, PlanOptions(nodes: .hosts((1...6).map { "10.0.0.\($0)" })))
    #expect(hosts.problems().isEmpty, "\(hosts.problems())")
  }

  @Test("compose for a multi-node recipe is a problem (every service on one host)")
  func composeMultiNode() throws {
    let plan = try RealRecipes.plan(
      "deepseek-r1-fp8-gb200-disagg", PlanOptions(target: .compose))
    #expect(plan.problems().contains { $0.contains("compose runs every service on one host") })
  }

  @Test("processes sharing one host's GPUs without disjoint device ids are a problem")
  func gpuOverlap() throws {
    var plan = SamplePlans.vllmAggregated()
    plan.target = .compose
    var second = plan.processes[0]
    second.name = "vllm-2"
    plan.processes.append(second)
    #expect(plan.problems() == ["vllm and vllm-2 both use GPU 0 of this machine"])
    plan.processes[1].gpus = GPUAllocation(ids: [1])
    #expect(plan.problems().isEmpty)
    plan.processes[1].gpus = GPUAllocation(count: 4)
    #expect(plan.problems().first?.contains("without device ids") == true)
  }

  // MARK: - 3. Plans the planner knows are broken

  @Test("--tp 16 on one 8-GPU node is a problem, with lint's arithmetic")
  func parallelism() throws {
    let (plan, text) = try Self.slurm(
      "deepseek-r1-fp8-h200-agg-tp8", PlanOptions(target: .slurm, tensorParallelSize: 16))
    #expect(text.contains("--gpus-per-node=8"))
    #expect(
      plan.problems() == [
        "aggregated: 1 worker(s) × TP 16 × PP 1 = 16 GPUs, but 1 node(s) × 8 GPUs = 8 (parallelism-exceeds-gpus)"
      ])
    let fits = try RealRecipes.plan("deepseek-r1-fp8-h200-agg-tp8", PlanOptions(target: .slurm))
    #expect(fits.problems().isEmpty)
  }

  @Test("vLLM spanning nodes without a multi-node launch is a problem")
  func vllmAcrossNodes() throws {
    let plan = try RealRecipes.plan(
      "deepseek-r1-h200-dynamo-vllm-disagg-dep16", PlanOptions(target: .slurm))
    #expect(plan.problems().contains { $0.hasPrefix("prefill spans 2 nodes") })
  }

  @Test("k8s with an sglang router addressing {node:0} is a problem")
  func k8sPlaceholders() throws {
    let plan = try RealRecipes.plan("deepseek-r1-fp8-gb200-disagg", PlanOptions(target: .k8s))
    #expect(plan.processes.contains { $0.role == .router })
    #expect(plan.problems().contains { $0.hasPrefix("router: the node address {node:0}") })
    #expect(plan.processes.allSatisfy { $0.container == nil })
  }
}
