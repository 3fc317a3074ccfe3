extension RecipeV2 {
  /// Where a recipe came from, and what its source format needs to be reproduced exactly.
  public struct Provenance: Sendable, Hashable {
    /// The format ids of the converters.
    public static let sourceFormats = [
      "native", "sglang-v1", "srt-slurm", "vllm-args", "engine-config", "spark", "sparkrun",
      "named-field", "dynamo",
    ]

    public var sourceFormat: String
    public var sourcePath: String?
    public var upstreamURL: String?
    public var upstreamCommit: String?
    public var roundtrip: Roundtrip?

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
