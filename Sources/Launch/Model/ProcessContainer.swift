/// The container one process runs in, as the chosen runtime runs it: image, mounts, working
/// directory and runtime. `plan --json` shows it per process.
public struct ProcessContainer: Sendable, Hashable, Codable {
  /// The image: a registry reference (`lmsysorg/sglang:v0.5.8`) or a squashfs file (`.sqsh`),
  /// after cluster aliases are resolved.
  public var image: String
  /// Host paths mounted into the container, in order.
  public var mounts: [ContainerMount]
  /// The working directory inside the container, if set.
  public var workdir: String?
  /// How the image is run; `none` means the image is not used.
  public var runtime: ContainerRuntime

  /// A container with the given parts.
  public init(
    image: String, mounts: [ContainerMount] = [], workdir: String? = nil,
    runtime: ContainerRuntime
  ) {
    self.image = image
    self.mounts = mounts
    self.workdir = workdir
    self.runtime = runtime
  }

  /// Whether the process runs inside the image (the runtime is not `none`).
  public var isRun: Bool { runtime.usesImage }
}
