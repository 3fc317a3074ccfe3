internal import Engines
internal import Migrate

/// Renders a plan as one portable sbatch script.
///
/// Nothing site- or run-specific is baked in: no job ids, node names or addresses. At run
/// time the script splits `scontrol show hostnames "$SLURM_JOB_NODELIST"` into the plan's
/// node groups, starts each process with `srun --nodes=N --ntasks-per-node=1 --nodelist=...`
/// (one task per node; env exported inside the srun'd `bash -c` script, never through
/// `--export`), passes the head node's address as `$1` for `--dist-init-addr` and uses
/// `$SLURM_PROCID` as the node rank, waits for readiness, runs the benchmark on the batch
/// node, and stops every step on exit.
public struct SlurmRenderer: PlanRenderer {
  /// `.slurm`.
  public var target: LaunchTarget { .slurm }

  /// A Slurm renderer.
  public init() {}

  /// The `sbatch` script of `plan`.
  public func render(_ plan: LaunchPlan) throws(LaunchError) -> RenderedLaunch {
    try plan.validate()
    var warnings: [String] = []
    var s = header(plan, warnings: &warnings)
    s += prelude(total: plan.totalNodes)
    s += nodeGroups(plan)
    for stage in plan.startStages {
      for p in stage.processes { s += step(p, warnings: &warnings) }
      s += readiness(stage.processes, done: stage.readyMessage)
    }
    s += benchmark(plan)
    return RenderedLaunch(text: s, warnings: warnings)
  }

  // MARK: - Header

  /// The shebang, `#SBATCH` directives and comment lines.
  func header(_ plan: LaunchPlan, warnings: inout [String]) -> String {
    let sched = plan.scheduling
    var s = "#!/bin/bash\n"
    s +=
      "# shellcheck disable=SC2030,SC2031,SC2016,SC1003  # env set in per-process subshells; values are literal on purpose\n"
    s += "#SBATCH --job-name=\(Self.jobName(sched.jobName ?? plan.recipe.name))\n"
    s += "#SBATCH --nodes=\(plan.totalNodes)\n"
    s += "#SBATCH --ntasks-per-node=1\n"
    if sched.exclusive { s += "#SBATCH --exclusive\n" }
    if let g = sched.gpusPerNode { s += "#SBATCH --gpus-per-node=\(g)\n" }
    if let t = sched.timeLimit {
      if t.utf8.allSatisfy({
        ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ":")
          || $0 == UInt8(ascii: "-")
      }), !t.isEmpty {
        s += "#SBATCH --time=\(t)\n"
      } else {
        warnings.append(
          "slurm: ignored time limit \(ShellQuote.quote(t)): not in SLURM's [D-]HH:MM:SS form")
      }
    }
    s += directives(sched, warnings: &warnings)
    s += "# Launch script for recipe \(ShellRenderer.comment(plan.recipe.name))"
    if let v = plan.recipe.variant { s += " variant \(ShellRenderer.comment(v))" }
    s += "\n"
    if let c = plan.recipe.commit { s += "# commit \(ShellRenderer.comment(c))\n" }
    s += "# Rendered by registry (target slurm). Submit with: sbatch THIS_FILE\n"
    for w in plan.warnings { s += "# warning: \(ShellRenderer.comment(w))\n" }
    s += "set -euo pipefail\n\n"
    s += BashSupport.functions + "\n"
    return s
  }

  /// `--partition`, `--account` and the recipe's further directives; a value that is not a
  /// plain SLURM word is left out with a warning (`#SBATCH` lines are not shell-quoted).
  func directives(_ sched: SchedulingOptions, warnings: inout [String]) -> String {
    var all: [SbatchDirective] = []
    if let p = sched.partition { all.append(SbatchDirective(name: "partition", value: p)) }
    if let a = sched.account { all.append(SbatchDirective(name: "account", value: a)) }
    all += sched.directives
    var s = ""
    for d in all {
      guard Self.isDirectiveWord(d.name), d.value.map(Self.isDirectiveWord) ?? true else {
        warnings.append(
          "slurm: ignored directive \(ShellQuote.quote(d.name)): not a plain SLURM option")
        continue
      }
      s += "#SBATCH --\(d.name)" + (d.value.map { "=" + $0 } ?? "") + "\n"
    }
    return s
  }

  /// Letters, digits and `-_.,:=@/+%` only: safe in an `#SBATCH` line as written.
  static func isDirectiveWord(_ s: String) -> Bool {
    !s.isEmpty
      && s.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || "-_.,:=@/+%".unicodeScalars.contains($0)
      } && !s.hasPrefix("-")
  }

  // MARK: - Prelude

  /// The node list, run directory, `node_list` and cleanup.
  func prelude(total: Int) -> String {
    """
    if [[ -z ${SLURM_JOB_NODELIST:-} ]]; then
      echo "launch: error: run this script with sbatch" >&2
      exit 64
    fi
    mapfile -t NODES < <(scontrol show hostnames "$SLURM_JOB_NODELIST")
    if ((${#NODES[@]} < \(total))); then
      die "this plan needs \(total) nodes, the job has ${#NODES[@]}"
    fi
    RUN_DIR=${LAUNCH_RUN_DIR:-${SLURM_SUBMIT_DIR:-$PWD}/launch-${SLURM_JOB_ID:-local}}
    mkdir -p "$RUN_DIR/logs"
    export RUN_DIR
    declare -A PID_OF=() LOG_OF=()

    # node_list FIRST COUNT: the nodes FIRST..FIRST+COUNT-1, comma-separated.
    node_list() {
      local IFS=,
      echo "${NODES[*]:$1:$2}"
    }

    cleanup() {
      local rc=$? pid watchdog
      trap - EXIT INT TERM
      set +e
      for pid in "${PID_OF[@]}"; do kill -TERM "$pid" 2>/dev/null; done
      # srun forwards the signal to its tasks; give them 30 s, then SIGKILL the steps.
      (
        trap 'kill "$nap" 2>/dev/null; exit 0' TERM
        sleep 30 &
        nap=$!
        wait "$nap"
        for pid in "${PID_OF[@]}"; do kill -KILL "$pid" 2>/dev/null; done
      ) &
      watchdog=$!
      for pid in "${PID_OF[@]}"; do wait "$pid" 2>/dev/null; done
      kill "$watchdog" 2>/dev/null
      wait 2>/dev/null
      log "stopped ${#PID_OF[@]} step(s); logs in $RUN_DIR/logs"
      exit "$rc"
    }
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM


    """
  }

  /// One array of node names per worker role.
  func nodeGroups(_ plan: LaunchPlan) -> String {
    var s = "# --- node groups ---\n"
    for g in plan.nodeGroups {
      s += "\(g.role.rawValue.uppercased())_NODES=(\"${NODES[@]:\(g.firstNode):\(g.nodeCount)}\")\n"
      s += "log \"\(g.role.rawValue) nodes: ${\(g.role.rawValue.uppercased())_NODES[*]}\"\n"
    }
    s += "log \"head node: ${NODES[0]}; run dir: $RUN_DIR\"\n\n"
    return s
  }

  // MARK: - Steps

  /// The `srun` step of one process: one task per node, in its container when it has one.
  func step(_ p: LaunchProcess, warnings: inout [String]) -> String {
    let instances = p.isMultiNode || p.mpi != nil ? p.nodeCount : 1
    if p.nodeCount > 1, p.distributed == nil, p.mpi == nil {
      warnings.append(
        "slurm: \(p.name) spans \(p.nodeCount) nodes without distributed flags; starting one instance"
      )
    }
    var words = p.argv.map { BashSupport.word($0, quote: Self.runtimeWord) }
    if p.isMultiNode, let d = p.distributed {
      words += [
        ShellQuote.quote(d.initAddressFlag), "\"$1\":\(d.initPort)",
        ShellQuote.quote(d.nodeCountFlag), String(p.nodeCount),
        ShellQuote.quote(d.nodeRankFlag), "\"$SLURM_PROCID\"",
      ]
    }
    let container = p.runningContainer
    var inner = "set -eu\n" + BashSupport.exports(p.effectiveEnv, quote: Self.runtimeWord)
    if container != nil, let setup = p.setupScript {
      inner += "bash \(ShellQuote.quote(setup))\n"
    }
    // Written on the node that runs the process (inside its container when it has one).
    inner += BashSupport.configFile(p, dir: nil, indent: "")
    inner += "exec " + words.joined(separator: " ") + "\n"
    let (flags, command) = Self.containerLaunch(container, inner: inner)
    var s = "# --- \(p.name) (\(p.role.rawValue)) ---\n"
    // MPI ranks: a task per GPU on each node (srtctl's TensorRT-LLM launch); else a task per node.
    let perNode = p.mpi?.tasksPerNode ?? 1
    s += "srun --nodes=\(instances) --ntasks=\(instances * perNode) --ntasks-per-node=\(perNode) "
    s += "--overlap \\\n"
    if let mpi = p.mpi {
      s += "  --mpi=\(ShellQuote.quote(mpi.interface)) --oversubscribe --cpu-bind=verbose,none \\\n"
    }
    s += "  --nodelist=\"$(node_list \(p.node) \(instances))\" --job-name=\(p.name) \\\n"
    s += "  --output=\"$RUN_DIR/logs/\(p.name).%t.log\" \\\n"
    if !flags.isEmpty { s += "  \(flags) \\\n" }
    s += "  bash -c \(ShellQuote.quote(command)) \(p.name) \"${NODES[\(p.node)]}\" "
    s += "\"${NODES[@]}\" </dev/null &\n"
    s += "PID_OF[\(p.name)]=$!; LOG_OF[\(p.name)]=\"$RUN_DIR/logs/\(p.name).0.log\"\n"
    s += "log \"started \(p.name) on $(node_list \(p.node) \(instances)) (srun pid $!)\"\n\n"
    return s
  }

  /// Waits for the readiness checks of `processes`, then logs `done`.
  func readiness(_ processes: [LaunchProcess], done: String) -> String {
    var s = "# --- readiness ---\n"
    for p in processes {
      guard let r = p.readiness, let port = r.port ?? p.port else { continue }
      let host = r.host.map(ShellQuote.quote) ?? "\"${NODES[\(p.node)]}\""
      s += "wait_ready \(p.name) \(host) \(port) \(ShellQuote.quote(r.path)) "
      s += "\(r.timeoutSeconds) \(BashSupport.seconds(r.intervalSeconds))\n"
    }
    s += "log \"\(done)\"\n\n"  // renderer text, not plan data
    return s
  }

  /// The benchmark at each concurrency: on the batch node, or in its container through an
  /// `srun` step on the head node; without a benchmark, serving until the job ends.
  func benchmark(_ plan: LaunchPlan) -> String {
    guard let b = plan.benchmark else {
      return "log \"serving until the job ends\"\nwait -n \"${PID_OF[@]}\"\n"
    }
    guard let container = b.container.flatMap({ $0.isRun ? $0 : nil }) else {
      return "# --- benchmark (on the batch node) ---\n"
        + BashSupport.benchmark(b, word: Self.batchWord)
    }
    // In the container the run directory is where it is mounted.
    let cwd = BashSupport.benchmarkDirectory(b, in: container)
    return "# --- benchmark (in its container) ---\n"
      + BashSupport.benchmark(b, word: Self.runtimeWord) { c in
        let words = b.argv(concurrency: c).map(Self.runtimeWord)
        let inner =
          "set -eu\n" + (cwd.map { "cd \(ShellQuote.quote($0))\n" } ?? "")
          + BashSupport.exports(b.env) + "exec " + words.joined(separator: " ") + "\n"
        let (flags, command) = Self.containerLaunch(container, inner: inner)
        return "srun --nodes=1 --ntasks=1 --overlap --nodelist=\"${NODES[0]}\" "
          + "--job-name=benchmark-c\(c) \\\n  \(flags) \\\n"
          + "  bash -c \(ShellQuote.quote(command)) benchmark \"${NODES[0]}\" \"${NODES[@]}\" "
          + "</dev/null 2>&1"
      }
  }

  /// An argv word inside the srun'd script, where `$2...` are the job's nodes:
  /// `{node:N}` becomes `"${N+2}"`, everything else is quoted.
  static func runtimeWord(_ word: String) -> String {
    NodeHostTemplate.segments(word).map {
      switch $0 {
      case .text(let t): return ShellQuote.quote(t)
      case .nodeHost(let n): return "\"${\(n + 2)}\""
      }
    }.joined()
  }

  /// An argv word in the batch script itself, where the node list is `NODES`.
  static func batchWord(_ word: String) -> String {
    NodeHostTemplate.segments(word).map {
      switch $0 {
      case .text(let t): return ShellQuote.quote(t)
      case .nodeHost(let n): return "\"${NODES[\(n)]}\""
      }
    }.joined()
  }

  /// A job name made of safe characters only.
  static func jobName(_ name: String) -> String {
    let safe = String(
      name.unicodeScalars.map {
        (("0"..."9").contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
          || $0 == "-" || $0 == "_" || $0 == ".") ? Character($0) : "_"
      })
    return safe.isEmpty ? "launch" : String(safe.prefix(64))
  }
}
