/// A file a process reads at start, such as TensorRT-LLM's options YAML: renderers write it
/// where the process can read it and put its path where ``placeholder`` stands in the argv.
public struct ProcessConfigFile: Sendable, Hashable, Codable {
  /// The file name (`prefill-0.yaml`): safe characters only, as process names.
  public var name: String
  /// The file's contents, byte-exact.
  public var text: String

  /// The argv word a renderer replaces with the file's path.
  public static let placeholder = "{config-file}"

  /// The file `name` with `text`.
  public init(name: String, text: String) {
    self.name = name
    self.text = text
  }
}
