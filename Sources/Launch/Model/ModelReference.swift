/// The model served by a plan.
public struct ModelReference: Sendable, Hashable, Codable {
  /// The model path or hub id (`deepseek-ai/DeepSeek-R1`, `/models/llama`).
  public var path: String
  /// The name clients ask for (`--served-model-name`), if different from the path.
  public var servedName: String?

  /// The model at `path`, optionally served under another name.
  public init(path: String, servedName: String? = nil) {
    self.path = path
    self.servedName = servedName
  }

  /// The name the OpenAI-compatible API reports.
  public var apiName: String { servedName ?? path }
}
