extension RecipeV2 {
  /// Where a recipe came from, and what its source format needs to be reproduced exactly.
  public struct Provenance: Sendable, Hashable {
    /// The format ids of the converters.
    public static let sourceFormats = [
      "native", "sglang-v1", "srt-slurm", "vllm-args", "engine-config", "spark", "sparkrun",
      "named-field", "dynamo", "vllm-recipes",
    ]

    /// The format id of the source (one of `sourceFormats`).
    public var sourceFormat: String
    /// The source file, relative to its repository.
    public var sourcePath: String?
    /// The repository the source came from.
    public var upstreamURL: String?
    /// The commit of that repository the source was read at.
    public var upstreamCommit: String?
    /// What the source format needs to be written back exactly.
    public var roundtrip: Roundtrip?

    /// Provenance from `sourceFormat`; every other field is optional.
    public init(
      sourceFormat: String, sourcePath: String? = nil, upstreamURL: String? = nil,
      upstreamCommit: String? = nil, roundtrip: Roundtrip? = nil
    ) {
      self.sourceFormat = sourceFormat
      self.sourcePath = sourcePath
      self.upstreamURL = upstreamURL
      self.upstreamCommit = upstreamCommit
      self.roundtrip = roundtrip
    }
  }
}
