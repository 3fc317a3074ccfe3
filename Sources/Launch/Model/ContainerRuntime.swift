/// How a process's container image is run: a SLURM container plugin, a container engine on
/// the host, or no container at all.
///
/// SLURM plans take `pyxis` (the default: `srun --container-image ...`), `enroot` or
/// `apptainer`; shell and compose plans take `docker` (the default) or `podman`. `none` runs
/// every process on the host: the pinned image is not used, and the plan says so.
public enum ContainerRuntime: String, Sendable, Hashable, Codable, CaseIterable {
  /// The pyxis SPANK plugin: `srun --container-image=... --container-mounts=...`.
  case pyxis
  /// `enroot create` + `enroot start` inside each srun step.
  case enroot
  /// `apptainer exec --nv` inside each srun step.
  case apptainer
  /// `docker run` (shell) or docker compose.
  case docker
  /// `podman run` (shell) or podman compose.
  case podman
  /// No container: processes run on the host.
  case none

  /// The runtime a target uses when none is chosen: `pyxis` for SLURM, `docker` for shell
  /// and compose, nil where the target has its own (k8s, engine-config).
  public static func defaultRuntime(for target: LaunchTarget) -> ContainerRuntime? {
    switch target {
    case .slurm: return .pyxis
    case .shell, .compose: return .docker
    case .k8s, .engineConfig: return nil
    }
  }

  /// The runtimes a target can render.
  public static func supported(by target: LaunchTarget) -> [ContainerRuntime] {
    switch target {
    case .slurm: return [.pyxis, .enroot, .apptainer, .none]
    case .shell: return [.docker, .podman, .none]
    case .compose: return [.docker, .podman]
    case .k8s, .engineConfig: return []
    }
  }

  /// Whether the runtime runs the image (every case but `none`).
  public var usesImage: Bool { self != .none }
}
