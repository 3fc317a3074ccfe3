internal import Schema

extension Planner {
  // MARK: - Containers

  /// The runtime of a plan for `options.target`: `--runtime`, else the cluster profile's
  /// when the target can use it, else the target's default (nil for k8s and engine-config,
  /// which run images their own way).
  ///
  /// - Throws: ``PlanningError/launch(_:)`` when `--runtime` names a runtime the target
  ///   cannot render.
  static func runtime(_ options: PlanOptions) throws(PlanningError) -> ContainerRuntime? {
    let supported = ContainerRuntime.supported(by: options.target)
    if let r = options.runtime {
      guard supported.contains(r) else {
        let choices = supported.map(\.rawValue).joined(separator: ", ")
        throw .launch(
          .unsupported(
            target: options.target,
            message: "runtime '\(r.rawValue)'"
              + (choices.isEmpty ? "; it runs images its own way" : "; use one of: \(choices)")))
      }
      return r
    }
    if let r = options.cluster?.runtime, supported.contains(r) { return r }
    return ContainerRuntime.defaultRuntime(for: options.target)
  }

  /// Decides each process's container (image alias resolved, mounts, working directory,
  /// runtime) and the benchmark's, rewriting a local model path to where it is mounted
  /// (`/model`, as srtctl mounts it).
  func placeContainers(
    _ plan: inout LaunchPlan, recipe final: RecipeV2, options: PlanOptions,
    runtime: ContainerRuntime
  ) {
    let cluster = options.cluster
    let srt = final.launcher?.tools[.srtSlurm]
    let slurm = options.target == .slurm
    var mounts: [ContainerMount] = []
    var rewriteModel: String?
    if runtime.usesImage {
      if slurm { mounts.append(ContainerMount(source: Self.runDirSource, target: "/logs")) }
      let model = final.model.path
      if model.hasPrefix("/") {
        mounts.append(ContainerMount(source: model, target: ContainerMount.modelTarget))
        rewriteModel = model
      } else if !slurm {
        // srtctl leaves Hugging Face ids to download inside the container; docker users
        // share the host's cache.
        mounts.append(
          ContainerMount(
            source: ContainerMount.huggingFaceCache, target: ContainerMount.huggingFaceCacheTarget))
      }
      mounts += cluster?.mounts ?? []
      mounts += Self.srtSlurmMounts(srt)
    }
    var seen = Set<String>()
    mounts = mounts.filter { seen.insert($0.target).inserted }
    let workdir = runtime.usesImage ? (cluster?.workdir ?? (slurm ? "/logs" : nil)) : nil

    func container(_ image: String?) -> ProcessContainer? {
      guard let image else { return nil }
      let resolved = cluster?.resolve(image: image) ?? image
      return ProcessContainer(
        image: resolved, mounts: runtime.usesImage ? mounts : [], workdir: workdir,
        runtime: runtime)
    }
    func rewrite(_ argv: [String]) -> [String] {
      guard let from = rewriteModel else { return argv }
      return argv.map { $0 == from ? ContainerMount.modelTarget : $0 }
    }

    let setup = srt?["setup_script"]?.scalar.map { "/configs/" + $0 }
    for i in plan.processes.indices {
      plan.processes[i].container = container(plan.processes[i].image)
      plan.processes[i].argv = rewrite(plan.processes[i].argv)
      if plan.processes[i].role.isWorker, runtime.usesImage {
        plan.processes[i].setupScript = setup
      }
    }
    if var b = plan.benchmark {
      b.container = container(b.image ?? plan.processes.first?.image)
      b.argv = rewrite(b.argv)
      plan.benchmark = b
    }

    if runtime == .none {
      if let image = plan.processes.compactMap(\.image).first {
        plan.warnings.append(
          "runtime none: the pinned image \(image) is not used; every process runs the host's engine"
        )
      }
    } else if let setup, !mounts.contains(where: { $0.target == "/configs" }) {
      plan.warnings.append(
        "setup_script: workers run \(setup); mount the folder holding it at /configs (cluster add --mount DIR:/configs)"
      )
    }
    if runtime == .docker || runtime == .podman,
      let sqsh = plan.processes.compactMap(\.container?.image).first(where: Self.isSquashfs)
    {
      plan.errors.append(
        "\(runtime.rawValue) cannot run the squashfs image \(sqsh); use --target slurm, or an image reference"
      )
    }
  }

  /// The source that stands for the plan's run directory (logs), as srtctl mounts its log
  /// directory at `/logs`.
  static let runDirSource = "$RUN_DIR"

  /// Whether an image is a squashfs file (`.sqsh`), as enroot and pyxis keep images.
  static func isSquashfs(_ image: String) -> Bool {
    image.hasSuffix(".sqsh") || image.hasSuffix(".squashfs")
  }

  /// srt-slurm's `container_mounts` (host → container) and `extra_mount` (`SRC:DST` list).
  static func srtSlurmMounts(_ srt: YAMLNode?) -> [ContainerMount] {
    var out: [ContainerMount] = []
    for pair in srt?["container_mounts"]?.mapping ?? [] {
      if let src = pair.key.scalar, let dst = pair.value.scalar {
        out.append(ContainerMount(source: src, target: dst))
      }
    }
    for item in srt?["extra_mount"]?.sequence ?? [] {
      if let m = item.scalar.flatMap(ContainerMount.init(spec:)) { out.append(m) }
    }
    return out
  }

  // MARK: - Scheduling

  /// Job name, time limit, partition, account, GPUs per node and extra `#SBATCH`
  /// directives: srt-slurm's `slurm:` and `sbatch_directives` first, the cluster profile
  /// for what the recipe does not set.
  func scheduling(_ final: RecipeV2, cluster: ClusterProfile?) -> SchedulingOptions {
    let srt = final.launcher?.tools[.srtSlurm]
    let slurm = srt?["slurm"]
    var s = SchedulingOptions(
      jobName: final.name, gpusPerNode: final.gpusPerNode ?? cluster?.gpusPerNode)
    s.timeLimit = slurm?["time_limit"]?.scalar ?? cluster?.timeLimit
    s.partition = slurm?["partition"]?.scalar ?? cluster?.partition
    s.account = slurm?["account"]?.scalar ?? cluster?.account
    for pair in srt?["sbatch_directives"]?.mapping ?? [] {
      if let name = pair.key.scalar {
        s.directives.append(SbatchDirective(name: name, value: pair.value.scalar))
      }
    }
    return s
  }
}
