extension RecipeV2 {
  /// What is served: `model: {path, revision, precision, served_name, task}`.
  public struct Model: Sendable, Hashable {
    /// A Hugging Face id (`deepseek-ai/DeepSeek-R1`), an `hf:` URI, a local path or a
    /// cluster alias, as the source wrote it.
    public var path: String
    /// A commit or tag of the model repository.
    public var revision: String?
    /// Weight precision: `fp4`, `fp8`, `bf16`, ... (free text, lower case by convention).
    public var precision: String?
    /// The name clients use in API calls (`--served-model-name`).
    public var servedName: String?
    /// `generate` (default) or `embed`.
    public var task: String?

    /// A model of `path`; every other field is optional.
    public init(
      path: String, revision: String? = nil, precision: String? = nil, servedName: String? = nil,
      task: String? = nil
    ) {
      self.path = path
      self.revision = revision
      self.precision = precision
      self.servedName = servedName
      self.task = task
    }
  }
}
