/// The `model` section: what is served and in which container.
public struct V1Model: Sendable, Hashable {
  /// A Hugging Face id, a cluster alias (`dsr1-fp8`), an `hf:` URI or a path.
  public var path: String?
  /// The container image (`lmsysorg/sglang:v0.5.8-cu130`), an alias or a bare version.
  public var container: String?
  /// fp4, fp8, fp16, bf16, ... (unknown values are warnings).
  public var precision: String?
  /// The source mapping (kept for its comments and styles), if decoded.
  public var source: YAMLNode?

  /// A model section with the given fields; every one is optional.
  public init(
    path: String? = nil, container: String? = nil, precision: String? = nil, source: YAMLNode? = nil
  ) {
    self.path = path
    self.container = container
    self.precision = precision
    self.source = source
  }

  static let keys = ["path", "container", "precision", "stage_dir"]

  static func decode(_ r: MappingReader, partial: Bool) -> V1Model {
    let m = V1Model(
      path: r.string(
        "path", required: !partial, hint: "a Hugging Face id such as deepseek-ai/DeepSeek-R1"),
      container: r.string("container"),
      precision: V1Values.open(r, "precision", V1Values.precisions),
      source: r.node)
    _ = r.string("stage_dir")
    r.finish(known: keys)
    return m
  }

  func encode() -> YAMLNode {
    var b = V1MappingBuilder(source: source, canonical: Self.keys)
    b.string("path", path)
    b.string("container", container)
    b.string("precision", precision)
    return b.build()
  }
}
