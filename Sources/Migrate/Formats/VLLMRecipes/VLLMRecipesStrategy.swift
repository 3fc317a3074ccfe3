internal import Foundation
public import Schema

/// One deploy strategy of vllm-project/recipes (`strategies/<name>.yaml`): the args and env it
/// adds, the flag that takes the parallel size, and for `pd_cluster` the prefill and decode
/// roles.
public struct VLLMRecipesStrategy: Sendable, Hashable {
  /// The args and env of one side of a prefill/decode cluster.
  public struct Side: Sendable, Hashable {
    /// `vllm_args` of the side.
    public var args: [String]
    /// `env` of the side, as written.
    public var env: YAMLNode?
  }

  /// `name` (the file stem when missing).
  public var name: String
  /// `deploy_type`: `single_node`, `multi_node` or `pd_cluster`.
  public var deployType: String
  /// `display_name`, if given.
  public var displayName: String?
  /// `vllm_args`: words every server of the strategy gets.
  public var args: [String]
  /// `env`, as written.
  public var env: YAMLNode?
  /// `parallel_flag` (`--tensor-parallel-size`, `--data-parallel-size`).
  public var parallelFlag: String?
  /// `prefill` of a disaggregated strategy.
  public var prefill: Side?
  /// `decode` of a disaggregated strategy.
  public var decode: Side?
  /// `router`, as written.
  public var router: YAMLNode?

  /// Whether the strategy splits prefill and decode.
  public var disaggregated: Bool { prefill != nil || decode != nil || deployType == "pd_cluster" }
  /// Whether the strategy spans nodes (`hardware_match.multi_node`, or a multi-node deploy type).
  public var multiNode: Bool

  /// A strategy of the given parts (``read(_:stem:)`` reads one from its file).
  public init(
    name: String, deployType: String, displayName: String? = nil, args: [String],
    env: YAMLNode? = nil, parallelFlag: String?, prefill: Side? = nil, decode: Side? = nil,
    router: YAMLNode? = nil, multiNode: Bool
  ) {
    self.name = name
    self.deployType = deployType
    self.displayName = displayName
    self.args = args
    self.env = env
    self.parallelFlag = parallelFlag
    self.prefill = prefill
    self.decode = decode
    self.router = router
    self.multiNode = multiNode
  }

  /// Reads a strategy document.
  public static func read(_ root: YAMLNode, stem: String) -> VLLMRecipesStrategy {
    func side(_ n: YAMLNode?) -> Side? {
      n.map { Side(args: VLLMRecipesModelFile.words($0["vllm_args"]), env: $0["env"]) }
    }
    let deploy = root["deploy_type"]?.scalar ?? "single_node"
    return VLLMRecipesStrategy(
      name: root["name"]?.scalar ?? stem, deployType: deploy,
      displayName: root["display_name"]?.scalar,
      args: VLLMRecipesModelFile.words(root["vllm_args"]), env: root["env"],
      parallelFlag: root["parallel_flag"]?.scalar, prefill: side(root["prefill"]),
      decode: side(root["decode"]), router: root["router"],
      multiNode: root["hardware_match"]?["multi_node"]?.scalar == "true" || deploy == "multi_node")
  }

  /// Every `*.yaml` strategy of a folder, by name.
  /// - Throws: when the folder cannot be listed or a file does not parse.
  public static func load(directory: String) throws -> [String: VLLMRecipesStrategy] {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    var out: [String: VLLMRecipesStrategy] = [:]
    for n in names {
      let path = directory + "/" + n
      guard let data = FileManager.default.contents(atPath: path) else { continue }
      let root = try YAML.parse([UInt8](data)).root
      let stem = String(n.prefix { $0 != "." })
      let s = read(root, stem: stem)
      out[s.name] = s
    }
    return out
  }

  /// The strategies folder of a model file: `<root>/strategies` for `<root>/models/<org>/x.yaml`,
  /// else a `strategies` folder beside the file or one or two levels up.
  public static func directory(besides file: String) -> String? {
    var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("strategies").path
      var isDir: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), isDir.boolValue {
        return candidate
      }
      dir.deleteLastPathComponent()
    }
    return nil
  }
}
