internal import Engines
internal import Migrate
internal import Schema

/// Renders one process's flags as the engine's own `--config` YAML: a flat map of flag names
/// (without leading dashes) to values, in argv order. A process that already reads a config
/// file (TensorRT-LLM's options YAML, ``LaunchProcess/configFile``) gives that file, with a
/// warning naming the flags that stay on its command line.
///
/// The leading words before the first flag (`vllm serve`, `python3 -m sglang.launch_server`)
/// are the command and are not part of the file. `--flag value` and `--flag=value` give
/// `flag: value`; a flag followed by another flag (or nothing) gives `flag: true`; a repeated
/// flag gives a list. Values that read back as the same integer or float are written plain,
/// everything else as a string. Positional words after the first flag cannot be expressed
/// and are reported.
public struct EngineConfigRenderer: PlanRenderer {
  /// `.engineConfig`.
  public var target: LaunchTarget { .engineConfig }
  /// The process to render; `nil` picks the first worker (or the first process).
  public var processName: String?

  /// A renderer of the process `processName` (nil: the first worker, or the first process).
  public init(processName: String? = nil) {
    self.processName = processName
  }

  /// The engine config file of one process of `plan`.
  public func render(_ plan: LaunchPlan) throws(LaunchError) -> RenderedLaunch {
    try plan.validate()
    let process: LaunchProcess
    if let name = processName {
      guard let p = plan.processes.first(where: { $0.name == name }) else {
        throw .invalidPlan(field: "processes", message: "no process named '\(name)'")
      }
      process = p
    } else {
      process = plan.processes.first(where: { $0.role.isWorker }) ?? plan.processes[0]
    }
    var warnings: [String] = []
    if let file = process.configFile {
      // The process already reads a config file (TensorRT-LLM's options YAML): that file.
      let cli = LaunchProcess.flagValues(process.argv).filter {
        $0.value != ProcessConfigFile.placeholder
      }.map(\.flag)
      if !cli.isEmpty {
        warnings.append(
          "engine-config: command-line flags of '\(process.name)' are not part of the file: \(cli.joined(separator: " "))"
        )
      }
      return RenderedLaunch(text: file.text, warnings: warnings)
    }
    var keys: [String] = []
    var values: [String: [YAMLNode]] = [:]
    func add(_ key: String, _ value: YAMLNode) {
      if values[key] == nil { keys.append(key) }
      values[key, default: []].append(value)
    }
    let argv = process.argv
    var i = argv.firstIndex(where: { $0.hasPrefix("-") && $0 != "-m" }) ?? argv.endIndex
    // `python3 -m module`: the module name is part of the command.
    while i < argv.endIndex {
      let word = argv[i]
      guard word.hasPrefix("-"), word.count > 1 else {
        warnings.append(
          "engine-config: positional argument \(ShellQuote.quote(word)) cannot be expressed")
        i += 1
        continue
      }
      var flag = Substring(word)
      while flag.first == "-" { flag = flag.dropFirst() }
      if let eq = flag.firstIndex(of: "=") {
        add(String(flag[..<eq]), Self.value(String(flag[flag.index(after: eq)...])))
        i += 1
      } else if i + 1 < argv.endIndex, !Self.looksLikeFlag(argv[i + 1]) {
        add(String(flag), Self.value(argv[i + 1]))
        i += 2
      } else {
        add(String(flag), .bool(true))
        i += 1
      }
    }
    if !process.effectiveEnv.isEmpty {
      warnings.append(
        "engine-config: the environment of '\(process.name)' is not part of the config file")
    }
    let pairs = keys.map { k in
      let v = values[k]!
      return YAMLText.pair(k, v.count == 1 ? v[0] : .sequence(v))
    }
    return RenderedLaunch(text: YAMLEmitter.emit(.mapping(pairs)), warnings: warnings)
  }

  /// A flag is `-x` or `--xyz`; negative numbers are values.
  static func looksLikeFlag(_ word: String) -> Bool {
    guard word.hasPrefix("-"), word.count > 1 else { return false }
    let second = word.unicodeScalars.dropFirst().first!
    return !(("0"..."9").contains(second) || second == ".")
  }

  static func value(_ text: String) -> YAMLNode {
    switch ScalarResolver.resolvePlain(text) {
    case .int(let n) where String(n) == text:
      return .int(n)
    case .float
    where text.utf8.allSatisfy({
      ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".")
        || $0 == UInt8(ascii: "-")
    }):
      return YAMLNode(.scalar(text, .plain))
    default:
      return YAMLText.str(text)
    }
  }
}
