internal import Engines
internal import Migrate

/// Renders a plan as one bash script: local processes, or ssh fan-out to the plan's hosts.
///
/// The script starts every process in the background in its own process group (job control
/// on), with its environment exported in a subshell, logging to `$RUN_DIR/logs/NAME.log`
/// (`RUN_DIR` defaults to a fresh temp dir; `LAUNCH_RUN_DIR` overrides it). It then waits for
/// every readiness check, runs the benchmark at each concurrency, and on exit (or INT/TERM)
/// stops every process group it started. Without a benchmark it serves until a process exits
/// or it is interrupted. Every argv element and env value is single-quoted.
public struct ShellRenderer: PlanRenderer {
  /// `.shell`.
  public var target: LaunchTarget { .shell }
  /// Extra `ssh` options for remote hosts.
  public var sshOptions: [String]

  /// A renderer whose `ssh` commands take `sshOptions`.
  public init(sshOptions: [String] = ["-o", "BatchMode=yes"]) {
    self.sshOptions = sshOptions
  }

  /// The shell script of `plan`.
  public func render(_ plan: LaunchPlan) throws(LaunchError) -> RenderedLaunch {
    try plan.validate()
    var warnings: [String] = []
    var s = header(plan)
    s += "set -euo pipefail\n"
    let anyLocal = plan.processes.contains { p in
      (0..<(p.isMultiNode ? p.nodeCount : 1)).contains {
        plan.nodes.host(p.node + $0).map(NodeSet.isLocal) ?? true
      }
    }
    if anyLocal {
      s += """
        # Each local process runs in its own session (process group) so cleanup can stop all it
        # spawned, and a Ctrl-C reaches this script, not the servers.
        if command -v setsid >/dev/null 2>&1; then SETSID=(setsid); else SETSID=(); set -m; fi

        """
    }
    s += "\n"
    s += """
      RUN_DIR=${LAUNCH_RUN_DIR:-}
      if [[ -z $RUN_DIR ]]; then RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/launch.XXXXXX"); fi
      mkdir -p "$RUN_DIR/logs"
      declare -A PID_OF=() LOG_OF=() HOST_OF=()
      SSH_OPTS=(\(ShellQuote.join(sshOptions)))

      """
    s += BashSupport.functions + "\n"
    s += Self.cleanup
    s += "log \"run dir: $RUN_DIR\"\n"
    s += "printf '%s\\n' \"$$\" >\"$RUN_DIR/launch.pid\"\n\n"

    for stage in plan.startStages {
      for p in stage.processes { s += start(p, plan: plan) }
      s += readiness(stage.processes, plan: plan, done: stage.readyMessage)
    }

    s += benchmark(plan, warnings: &warnings)
    if plan.processes.contains(where: { $0.image != nil && $0.container == nil }) {
      warnings.append("shell: container images are ignored; processes run on the host")
    }
    return RenderedLaunch(text: s, warnings: warnings)
  }

  /// The lines that start every instance of `p`, locally or over ssh, and record its pid.
  func start(_ p: LaunchProcess, plan: LaunchPlan) -> String {
    var s = ""
    s += "# --- \(p.name) (\(p.role.rawValue)) ---\n"
    for rank in 0..<(p.isMultiNode ? p.nodeCount : 1) {
      let node = p.node + rank
      let name = rank == 0 ? p.name : "\(p.name).rank\(rank)"
      let head = hostAddress(plan, p.node)
      let argv = p.argv(headAddress: head, nodeRank: String(rank)).map { word in
        NodeHostTemplate.substitute(word) { hostAddress(plan, $0) }
      }
      let fill = { (env: [EnvVar]) in
        NodeHostTemplate.substitute(env: env) { hostAddress(plan, $0) }
      }
      // `execPrefix` is renderer text (never plan data): how the process is detached.
      func body(_ execPrefix: String, configDir: String?) -> String {
        let config = BashSupport.configFile(p, dir: configDir, indent: "  ")
        guard let c = p.runningContainer else {
          let words = argv.map { BashSupport.word($0, quote: ShellQuote.quote) }
          return BashSupport.exports(fill(p.effectiveEnv), indent: "  ") + config
            + "  exec \(execPrefix)\(words.joined(separator: " "))\n"
        }
        // The container numbers its GPUs from 0: no CUDA_VISIBLE_DEVICES from the host ids.
        let run = Self.containerRun(
          c, argv: argv, env: p.env, gpus: p.gpus, sharedMemory: p.sharedMemory,
          setupScript: p.setupScript)
        return BashSupport.exports(fill(p.env), indent: "  ") + config
          + "  exec \(execPrefix)\(run)\n"
      }
      let log = "\"$RUN_DIR/logs/\(name).log\""
      if let host = plan.nodes.host(node), !NodeSet.isLocal(host) {
        let remote =
          "set -m\n(\n\(body("", configDir: nil)))  </dev/null &\necho \"launch: remote-pid $!\"\nwait \"$!\"\n"
        let remoteCommand = "bash -c " + ShellQuote.quote(remote)
        s += "ssh \"${SSH_OPTS[@]}\" \(ShellQuote.quote(host)) -- "
        s += "\(ShellQuote.quote(remoteCommand)) </dev/null >\(log) 2>&1 &\n"
        s += "HOST_OF[\(name)]=\(ShellQuote.quote(host))\n"
      } else {
        s +=
          "(\n\(body("\"${SETSID[@]}\" ", configDir: "\"$RUN_DIR\"/config"))) </dev/null >\(log) 2>&1 &\n"
      }
      s += "PID_OF[\(name)]=$!; LOG_OF[\(name)]=\(log)\n"
      s += "printf '%s %s\\n' \(name) \"$!\" >>\"$RUN_DIR/pids\"\n"
      s += "log \"started \(name) (pid $!)\"\n"
    }
    s += "\n"
    return s
  }

  /// Waits for the readiness checks of `processes`, then logs `done`.
  func readiness(_ processes: [LaunchProcess], plan: LaunchPlan, done: String) -> String {
    var s = "# --- readiness ---\n"
    for p in processes {
      guard let r = p.readiness, let port = r.port ?? p.port else { continue }
      let host = r.host ?? hostAddress(plan, p.node)
      s += "wait_ready \(p.name) \(ShellQuote.quote(host)) \(port) \(ShellQuote.quote(r.path)) "
      s += "\(r.timeoutSeconds) \(BashSupport.seconds(r.intervalSeconds))\n"
    }
    s += "log \"\(done)\"\n\n"  // renderer text, not plan data
    return s
  }

  /// The benchmark at each concurrency, on this machine or in its container; without a
  /// benchmark, serving until a process ends.
  func benchmark(_ plan: LaunchPlan, warnings: inout [String]) -> String {
    guard let b = plan.benchmark else {
      return """
        log "serving; press Ctrl-C to stop"
        wait -n "${PID_OF[@]}"

        """
    }
    if b.image != nil, b.container == nil {
      warnings.append("shell: the benchmark image is ignored; the tool runs on this machine")
    }
    func filled(_ word: String) -> String {
      NodeHostTemplate.substitute(word) { hostAddress(plan, $0) }
    }
    guard var c = b.container.flatMap({ $0.isRun ? $0 : nil }) else {
      return "# --- benchmark ---\n"
        + BashSupport.benchmark(b, word: { ShellQuote.quote(filled($0)) })
    }
    // The run directory is mounted (at /logs unless the plan mounts it already), and the tool
    // runs where it writes its result file.
    if b.resultFileFlag != nil {
      if !c.mounts.contains(where: { $0.source == "$RUN_DIR" }) {
        c.mounts.append(ContainerMount(source: "$RUN_DIR", target: "/logs"))
      }
      c.workdir = BashSupport.benchmarkDirectory(b, in: c)
    }
    return "# --- benchmark ---\n"
      + BashSupport.benchmark(b, word: { ShellQuote.quote(filled($0)) }) { conc in
        "(\n" + BashSupport.exports(b.env, indent: "  ") + "  exec "
          + Self.containerRun(
            c, argv: b.argv(concurrency: conc).map(filled), env: b.env, gpus: nil,
            sharedMemory: nil, setupScript: nil) + "\n) </dev/null 2>&1"
      }
  }

  /// The address of node `index`: its host name, or `127.0.0.1` when it is this machine.
  func hostAddress(_ plan: LaunchPlan, _ index: Int) -> String {
    guard let host = plan.nodes.host(index), !NodeSet.isLocal(host) else { return "127.0.0.1" }
    return host
  }

  private func header(_ plan: LaunchPlan) -> String {
    var s = "#!/usr/bin/env bash\n"
    s +=
      "# shellcheck disable=SC2030,SC2031,SC2016,SC1003  # env set in per-process subshells; values are literal on purpose\n"
    s += "# Launch script for recipe \(Self.comment(plan.recipe.name))"
    if let v = plan.recipe.variant { s += " variant \(Self.comment(v))" }
    s += "\n"
    if let c = plan.recipe.commit { s += "# commit \(Self.comment(c))\n" }
    if let b = plan.recipe.blob { s += "# blob \(Self.comment(b))\n" }
    s += "# Rendered by registry (target shell). Env: LAUNCH_RUN_DIR, LAUNCH_NO_CURL.\n"
    for w in plan.warnings { s += "# warning: \(Self.comment(w))\n" }
    return s
  }

  /// Text safe inside a `#` comment line (no line breaks).
  static func comment(_ text: String) -> String {
    String(
      text.unicodeScalars.map {
        $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{85}" || $0 == "\u{2028}"
          || $0 == "\u{2029}" ? " " : Character($0)
      })
  }

  static let cleanup = #"""
    cleanup() {
      local rc=$? name pid rpid watchdog
      trap - EXIT INT TERM
      set +e
      for name in "${!HOST_OF[@]}"; do
        rpid=$(sed -n 's/^launch: remote-pid \([0-9][0-9]*\)$/\1/p' "${LOG_OF[$name]}" | head -n 1)
        if [[ -n $rpid ]]; then
          ssh "${SSH_OPTS[@]}" "${HOST_OF[$name]}" -- kill -TERM -- "-$rpid" </dev/null 2>/dev/null
        fi
      done
      for pid in "${PID_OF[@]}"; do
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
      done
      # Give them 10 s, then SIGKILL whatever is left of each process group.
      (
        trap 'kill "$nap" 2>/dev/null; exit 0' TERM
        sleep 10 &
        nap=$!
        wait "$nap"
        for pid in "${PID_OF[@]}"; do kill -KILL -- "-$pid" 2>/dev/null; done
      ) &
      watchdog=$!
      for pid in "${PID_OF[@]}"; do wait "$pid" 2>/dev/null; done
      kill "$watchdog" 2>/dev/null
      for pid in "${PID_OF[@]}"; do kill -KILL -- "-$pid" 2>/dev/null; done
      wait 2>/dev/null
      log "stopped ${#PID_OF[@]} process(es); logs in $RUN_DIR/logs"
      exit "$rc"
    }
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM


    """#
}
