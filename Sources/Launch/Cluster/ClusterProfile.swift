/// What a plan needs to know about one cluster that a recipe does not say: the scheduler
/// account and partition, GPUs per node, the container runtime, mounts every process gets and
/// image aliases. The counterpart of srtctl's `srtslurm.yaml`.
///
/// Recipe values win where the recipe sets them (its `gpus_per_node`, srt-slurm's
/// `slurm.partition`); the profile fills in the rest.
public struct ClusterProfile: Sendable, Hashable, Codable {
  /// The profile name (`--cluster NAME`).
  public var name: String
  /// The SLURM partition, if any.
  public var partition: String?
  /// The SLURM account, if any.
  public var account: String?
  /// The default time limit (`[D-]HH:MM:SS`), if any.
  public var timeLimit: String?
  /// GPUs per node, if the recipe does not say.
  public var gpusPerNode: Int?
  /// The container runtime, when the target can use it.
  public var runtime: ContainerRuntime?
  /// Mounts every process gets, in order.
  public var mounts: [ContainerMount]
  /// Image aliases: a recipe's image (or srt-slurm `model.container`) equal to a key runs the
  /// value (a registry reference or a `.sqsh` path).
  public var containers: [String: String]
  /// The working directory inside containers, if not the runtime's default.
  public var workdir: String?

  /// A profile with the given parts; only the name is required.
  public init(
    name: String, partition: String? = nil, account: String? = nil, timeLimit: String? = nil,
    gpusPerNode: Int? = nil, runtime: ContainerRuntime? = nil, mounts: [ContainerMount] = [],
    containers: [String: String] = [:], workdir: String? = nil
  ) {
    self.name = name
    self.partition = partition
    self.account = account
    self.timeLimit = timeLimit
    self.gpusPerNode = gpusPerNode
    self.runtime = runtime
    self.mounts = mounts
    self.containers = containers
    self.workdir = workdir
  }

  /// The image `image` stands for: its alias's value, else itself.
  public func resolve(image: String) -> String { containers[image] ?? image }

  /// Whether `name` can name a profile: letters, digits, `-`, `_` and `.`, starting with a
  /// letter or digit.
  public static func isValidName(_ name: String) -> Bool {
    guard let f = name.unicodeScalars.first, f.properties.isAlphabetic || ("0"..."9").contains(f)
    else { return false }
    return name.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        || $0 == "-" || $0 == "_" || $0 == "."
    }
  }
}
