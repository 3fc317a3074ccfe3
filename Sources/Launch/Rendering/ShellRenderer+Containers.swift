internal import Engines
internal import Migrate

extension ShellRenderer {
  // MARK: - Containers

  /// The command that runs `argv` in a process's container with docker or podman, quoted:
  /// `docker run --rm --network host --ipc host`, the shared memory size, the GPUs (device
  /// ids when pinned, else a count), the environment passed by name (the caller exports it),
  /// the mounts, the working directory and `--entrypoint`, so the image's own entrypoint
  /// cannot change the command. A setup script runs first through `bash -c`.
  static func containerRun(
    _ c: ProcessContainer, argv: [String], env: [EnvVar], gpus: GPUAllocation?,
    sharedMemory: String?, setupScript: String?
  ) -> String {
    let tool = c.runtime == .podman ? "podman" : "docker"
    var words = [tool, "run", "--rm", "--network", "host", "--ipc", "host"].map(ShellQuote.quote)
    if let shm = sharedMemory { words += ["--shm-size", ShellQuote.quote(shm)] }
    if let g = gpus { words += gpuFlags(g, podman: c.runtime == .podman) }
    for e in env { words += ["--env", ShellQuote.quote(e.name)] }
    for m in c.mounts {
      words += ["--volume", SlurmRenderer.mountSource(m.source) + ":" + ShellQuote.quote(m.target)]
    }
    if let w = c.workdir { words += ["--workdir", ShellQuote.quote(w)] }
    // The options file the engine reads is written on the host: the same path inside.
    if argv.contains(ProcessConfigFile.placeholder) {
      words += ["--volume", "\"$LAUNCH_CONFIG:$LAUNCH_CONFIG:ro\""]
    }
    if let setup = setupScript {
      words += ["--entrypoint", "bash", ShellQuote.quote(c.image), "-c"]
      words.append(ShellQuote.quote("bash \"$0\" && exec \"$@\""))
      words.append(ShellQuote.quote(setup))
      words += argv.map(quote)
    } else {
      words += ["--entrypoint", ShellQuote.quote(argv.first ?? ""), ShellQuote.quote(c.image)]
      words += argv.dropFirst().map(quote)
    }
    return words.joined(separator: " ")
  }

  /// An argv word for `docker run`: the config file placeholder becomes `"$LAUNCH_CONFIG"`.
  private static func quote(_ word: String) -> String {
    BashSupport.word(word, quote: ShellQuote.quote)
  }

  /// `--gpus` (docker: `'"device=0,1"'` or a count) or CDI `--device` flags (podman).
  static func gpuFlags(_ g: GPUAllocation, podman: Bool) -> [String] {
    if podman {
      guard let ids = g.ids else { return ["--device", "nvidia.com/gpu=all"] }
      return ids.flatMap { ["--device", "nvidia.com/gpu=\($0)"] }
    }
    if let devices = g.visibleDevices {
      return ["--gpus", ShellQuote.quote("\"device=\(devices)\"")]
    }
    return ["--gpus", String(g.count)]
  }
}
