import ArgumentParser
import Engines
import Foundation
import Launch
import Migrate
import Registry
import Schema

struct Plan: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Turn a recipe into a launch: a shell script, compose file, sbatch script, DGD or engine config.",
    discussion: """
      RECIPE is a registry recipe NAME[@REV], a recipe @SCOPE/NAME[@REV] of a remote registry \
      ('registry remote add'), or a recipe FILE of any format. --locked plans exactly the blob \
      registry.lock pins (as 'show --locked' reads it), and fails when that blob is unreachable. The plan sets the \
      launcher-owned flags (model, served model name, host, port) once, builds each role's \
      engine flags from the recipe's named fields and args, adds a router or Dynamo frontend \
      for disaggregated recipes, and the benchmark step. Precedence: recipe < --variant < \
      --set/--unset and shortcuts < -- extra args (a warning names each flag they repeat).

      Targets: shell (bash; local, or ssh to --nodes), compose (docker compose), slurm (one \
      sbatch script), k8s (Dynamo DynamoGraphDeployment), engine-config (the first worker's \
      --config YAML). The text goes to stdout, or atomically to -o FILE; warnings to stderr. \
      --json prints the plan itself; --explain lists every flag and env value with its origin.

      Containers: --runtime says how each process runs its pinned image. slurm: pyxis \
      (default; srun --container-image, --container-mounts, --container-workdir, \
      --no-container-mount-home), enroot or apptainer inside each srun step; shell: docker \
      (default) or podman run with --gpus, --ipc host and the host network; compose: docker \
      or podman. A local model directory is mounted at /model (as srtctl mounts it), the \
      Hugging Face cache for docker and podman. --runtime none runs the host's engine; the \
      plan says the pinned image is not used. plan --json shows each process's container \
      (image, mounts, workdir, runtime).

      Cluster profiles: --cluster NAME fills in what the recipe does not say (partition, \
      account, time, GPUs per node, runtime, mounts, image aliases such as sglang-fp4 -> a \
      .sqsh file); see 'registry cluster --help'.

      Plans that cannot run are errors (exit 1, every problem listed): parallelism larger \
      than the GPUs (lint's arithmetic), a multi-node recipe for shell without --nodes, \
      processes sharing GPUs, node addresses the target cannot fill in, a worker spanning \
      nodes with no multi-node launch. --force renders such a plan anyway.

      Examples:
        registry plan deepseek-r1-fp8-h200-agg-tp8 --target shell > launch.sh
        registry plan deepseek-r1-fp8-h100-disagg-1p2d-tp16 --target slurm -o job.sbatch
        registry plan gpt-oss-120b-mxfp4-spark-vllm-solo --solo --port 9000 --gpu-mem 0.8
        registry plan my-recipe.yaml --target compose --set env.NCCL_DEBUG=INFO --unset args.enforce-eager
        registry plan minimax-m2-5-awq-spark-vllm-cluster --nodes 192.168.1.10,192.168.1.11
        registry plan my-recipe@HEAD~2 --variant low-latency --explain
        registry plan my-recipe --json -- --load-format safetensors
        registry plan deepseek-r1-fp8-h200-agg-tp8 --locked --target slurm
        registry plan @team/deepseek-r1-fp8 --target compose
        registry plan deepseek-r1-fp8-h200-agg-tp8 --target slurm --cluster gb200 --runtime enroot
        registry plan deepseek-r1-fp8-h200-agg-tp8 --runtime none     the host's engine, no container
      """)

  @Argument(help: "NAME[@REV] or @SCOPE/NAME[@REV] of a registry recipe, or a recipe FILE.")
  var recipe: String
  @Option(help: "shell, compose, slurm, k8s or engine-config.")
  var target: LaunchTarget = .shell
  @Option(help: "Apply a variant of the recipe first.")
  var variant: String?
  @Option(
    name: .customLong("set"),
    help: ArgumentHelp("Set a recipe value (typed by the schema).", valueName: "key.path=value"))
  var sets: [String] = []
  @Option(
    name: .customLong("unset"), help: ArgumentHelp("Remove a recipe value.", valueName: "key.path"))
  var unsets: [String] = []
  @Option(help: "The port clients connect to (launcher.port).")
  var port: Int?
  @Option(help: "Tensor parallel size (serving.tensor_parallel_size).")
  var tp: Int?
  @Option(
    name: .customLong("gpu-mem"), help: "GPU memory fraction (serving.gpu_memory_utilization).")
  var gpuMem: Double?
  @Option(name: .customLong("max-model-len"), help: "Context length (serving.context_length).")
  var maxModelLen: Int?
  @Option(help: "Container image (engine.image).")
  var image: String?
  @Flag(help: "Run on one node; a cluster-only recipe fails.")
  var solo = false
  @Option(
    help: ArgumentHelp("Hosts to run on, comma-separated, head node first.", valueName: "h1,h2"))
  var nodes: String?
  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write the output to FILE (atomically).", valueName: "FILE"))
  var output: String?
  @Flag(help: "List every flag and env value with where it came from.")
  var explain = false
  @Option(
    help: ArgumentHelp(
      "How containers run: pyxis (slurm default), enroot, apptainer, docker (shell and compose default), podman or none.",
      valueName: "runtime"))
  var runtime: ContainerRuntime?
  @Option(
    help: ArgumentHelp(
      "A cluster profile ('registry cluster add') to fill in partition, account, GPUs per node, runtime, mounts and image aliases.",
      valueName: "NAME"))
  var cluster: String?
  @Flag(help: "Render a plan that cannot run as planned (its problems become warnings).")
  var force = false
  @OptionGroup var sourceOptions: RecipeSourceOptions
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions
  @Argument(
    parsing: .postTerminator, help: "Extra engine arguments after --, appended to every worker.")
  var extraArgs: [String] = []

  func validate() throws {
    if solo, nodes != nil { throw ValidationError("--solo and --nodes exclude each other") }
    for s in sets where RecipeOverride(setting: s) == nil {
      throw ValidationError("--set takes key.path=value, not '\(s)'")
    }
  }

  func run() throws {
    let terminal = Terminal(colorChoice: global.color)
    let printer = DiagnosticPrinter(terminal: terminal, quiet: global.quiet)
    let (read, reference) = try load()
    let (v2, imported) = read.importedV2()
    printer.printAll((read.diagnostics + imported).filter { $0.severity == .error })
    guard let v2 else {
      throw CLIError("\(read.file): cannot read this \(read.format.rawValue) recipe")
    }

    var options = PlanOptions(
      target: target, variant: variant,
      overrides: sets.compactMap(RecipeOverride.init(setting:))
        + unsets.map(RecipeOverride.init(unsetting:)),
      port: port, tensorParallelSize: tp, gpuMemoryUtilization: gpuMem, maxModelLen: maxModelLen,
      image: image,
      extraArgs: extraArgs, runtime: runtime)
    if solo { options.nodes = .solo }
    if let nodes {
      options.nodes = .hosts(
        nodes.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
    }
    if let cluster {
      options.cluster = try ClusterCommand.withStore { (s) throws(ClusterStoreError) in
        try s.profile(cluster)
      }
    }

    let catalogs = try? FlagCatalogStore.load()
    let plan: LaunchPlan
    do throws(PlanningError) {
      plan = try Planner(catalogs: catalogs).plan(v2, reference: reference, options: options)
    } catch {
      switch error {
      case .recipe(let ds):
        printer.printAll(ds)
        throw CLIError("cannot plan '\(reference.name)': \(ds.errorCount) error(s)")
      case .launch(let e):
        throw CLIError(e.description)
      }
    }

    let problems = plan.problems()
    if !problems.isEmpty, !force {
      for p in problems { terminal.err("error: \(p)") }
      throw CLIError(
        "this plan cannot run as planned: \(problems.count) problem(s); --force renders it anyway")
    }

    let text: String
    var warnings = plan.warnings + problems.map { "forced: \($0)" }
    if global.json {
      text = try plan.jsonString()
    } else if explain {
      text = PlanExplanation(plan).table
    } else {
      do throws(LaunchError) {
        let rendered = try target.renderer.render(plan)
        text = rendered.text
        warnings += rendered.warnings
      } catch {
        throw CLIError(error.description)
      }
    }
    if !global.quiet { for w in warnings { terminal.err("warning: \(w)") } }
    if let output {
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        if target == .shell || target == .slurm, !global.json, !explain {
          try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: output)
        }
      } catch {
        throw CLIError("cannot write \(output): \(error.localizedDescription)")
      }
    } else {
      Terminal.write(text, to: STDOUT_FILENO)
    }
  }

  /// The recipe named on the command line: a file when one exists at that path, else a
  /// registry recipe NAME[@REV] or @SCOPE/NAME[@REV] (`RecipeResolver`).
  func load() throws -> (ReadRecipe, Launch.RecipeReference) {
    switch try sourceOptions.resolve(recipe, files: true, registryOptions: registryOptions) {
    case .file(let path, _, let read):
      let name = read.importedV2().recipe?.name ?? read.summary.name
      return (read, Launch.RecipeReference(name: name, file: path))
    case .registry(let found):
      return (
        found.read,
        Launch.RecipeReference(
          name: found.name, commit: found.commit.hex, blob: found.blobID.hex, file: found.path)
      )
    }
  }
}

extension LaunchTarget: ExpressibleByArgument {}
