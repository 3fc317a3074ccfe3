internal import Engines
internal import Migrate

extension SlurmRenderer {
  // MARK: - Containers

  /// How one srun step runs `inner` (a bash script taking the process name as `$0`, the head
  /// node as `$1` and every node after it): the srun flags to add, and the script `bash -c`
  /// runs on each node.
  ///
  /// - pyxis: `--container-image`, `--container-mounts`, `--container-workdir`,
  ///   `--no-container-mount-home` and `--no-container-entrypoint` on srun; `inner` runs in
  ///   the container as it is.
  /// - enroot: each task imports the image (unless it is a `.sqsh` file), creates a
  ///   container named after the job, step and rank, and runs `inner` in it with
  ///   `enroot start --rw --mount ...`.
  /// - apptainer: `apptainer exec --nv --bind ... --pwd ...` runs `inner` in the image.
  /// - no container, or `none`: `inner` runs on the node.
  static func containerLaunch(_ c: ProcessContainer?, inner: String) -> (
    flags: String, command: String
  ) {
    guard let c, c.isRun else { return ("", inner) }
    let run = "bash -c \(ShellQuote.quote(inner)) \"$0\" \"$@\"\n"
    switch c.runtime {
    case .pyxis:
      var flags = ["--container-image=\(ShellQuote.quote(enrootImage(c.image)))"]
      if !c.mounts.isEmpty {
        flags.append("--container-mounts=" + mountList(c.mounts, separator: ","))
      }
      if let w = c.workdir { flags.append("--container-workdir=\(ShellQuote.quote(w))") }
      flags += ["--no-container-mount-home", "--no-container-entrypoint"]
      return (flags.joined(separator: " "), inner)
    case .enroot:
      var s = "set -eu\n"
      s +=
        "c=registry-\"$0\"-\"${SLURM_JOB_ID:-0}\"-\"${SLURM_STEP_ID:-0}\"-\"${SLURM_PROCID:-0}\"\n"
      if isSquashfs(c.image) {
        s += "enroot create --force --name \"$c\" \(ShellQuote.quote(c.image)) >/dev/null\n"
      } else {
        s += "img=\"${TMPDIR:-/tmp}/$c.sqsh\"\n"
        s += "rm -f \"$img\"\n"
        s +=
          "enroot import --output \"$img\" \(ShellQuote.quote("docker://" + enrootImage(c.image)))\n"
        s += "enroot create --force --name \"$c\" \"$img\" >/dev/null\n"
        s += "rm -f \"$img\"\n"
      }
      s += "trap 'enroot remove --force \"$c\" >/dev/null 2>&1' EXIT\n"
      s += "enroot start --rw --env SLURM_PROCID --env SLURM_NODEID"
      for m in c.mounts { s += " --mount " + mountList([m], separator: ",") }
      // `enroot start` has no working-directory option: the script changes into it.
      let body = c.workdir.map { "cd \(ShellQuote.quote($0))\n" + inner } ?? inner
      s += " \"$c\" bash -c \(ShellQuote.quote(body)) \"$0\" \"$@\" &\n"
      // Stay the parent (to remove the container on exit) and pass srun's signals on.
      s += "pid=$!\ntrap 'kill -TERM \"$pid\" 2>/dev/null' TERM INT\nstatus=0\n"
      s += "wait \"$pid\" || status=$?\n"
      s += "while kill -0 \"$pid\" 2>/dev/null; do wait \"$pid\" || status=$?; done\n"
      s += "exit \"$status\"\n"
      return ("", s)
    case .apptainer:
      var s = "set -eu\nexec apptainer exec --nv"
      if !c.mounts.isEmpty { s += " --bind " + mountList(c.mounts, separator: ",") }
      if let w = c.workdir { s += " --pwd \(ShellQuote.quote(w))" }
      let image =
        c.image.hasPrefix("/") || c.image.hasPrefix("./") ? c.image : "docker://" + c.image
      s += " \(ShellQuote.quote(image)) " + run
      return ("", s)
    case .docker, .podman, .none:
      return ("", inner)
    }
  }

  /// `SRC:DST` pairs joined by `separator`, each side quoted for bash; the run directory and
  /// the Hugging Face cache expand at run time.
  static func mountList(_ mounts: [ContainerMount], separator: String) -> String {
    mounts.map { mountSource($0.source) + ":" + ShellQuote.quote($0.target) }
      .joined(separator: separator)
  }

  /// A mount source as bash text: `"$RUN_DIR"`, the Hugging Face cache, `"$HOME"/…` for
  /// `~/…`, else the quoted path.
  static func mountSource(_ source: String) -> String {
    if source == "$RUN_DIR" { return "\"$RUN_DIR\"" }
    if source == ContainerMount.huggingFaceCache {
      return "\"${HF_HOME:-$HOME/.cache/huggingface}\""
    }
    if source.hasPrefix("~/") {
      return "\"$HOME\"/" + ShellQuote.quote(String(source.dropFirst(2)))
    }
    return ShellQuote.quote(source)
  }

  /// An image reference as enroot and pyxis spell it: `REGISTRY#IMAGE` when the first path
  /// component names a registry host (`nvcr.io/nvidia/x:1` → `nvcr.io#nvidia/x:1`); squashfs
  /// paths and Docker Hub names as they are.
  static func enrootImage(_ image: String) -> String {
    guard !image.hasPrefix("/"), !image.hasPrefix("./"), !image.contains("#"),
      let slash = image.firstIndex(of: "/")
    else { return image }
    let host = image[..<slash]
    guard host.contains(".") || host.contains(":") || host == "localhost" else { return image }
    return host + "#" + image[image.index(after: slash)...]
  }

  static func isSquashfs(_ image: String) -> Bool {
    image.hasSuffix(".sqsh") || image.hasSuffix(".squashfs")
  }
}
