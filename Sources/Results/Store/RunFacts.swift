/// What `results add` knows about a run beyond its result file: who, when, where, and any
/// correction to what the recipe says (the engine as actually run, the GPUs, the workload).
public struct RunFacts: Sendable, Hashable {
  /// Who ran it (`Name <mail>`); default: the commit's author.
  public var by: String?
  /// When it ran (ISO 8601); default: what the file says, else now.
  public var at: String?
  /// The cluster it ran on.
  public var cluster: String?
  /// The engine version as run, when it differs from the recipe's pin.
  public var engineVersion: String?
  /// The image as run.
  public var image: String?
  /// The image's digest (`sha256:...`).
  public var imageDigest: String?
  /// The GPUs of the deployment, when the recipe does not say or the run differed.
  public var gpus: Int?
  /// The concurrency, for files that do not state it.
  public var concurrency: Int?
  /// ISL, for files that do not state it (default: the recipe's benchmark).
  public var isl: Int?
  /// OSL, for files that do not state it (default: the recipe's benchmark).
  public var osl: Int?
  /// Where published figures come from, for records not measured by the one adding them.
  public var citation: String?

  /// No facts beyond the file.
  public init() {}
}
