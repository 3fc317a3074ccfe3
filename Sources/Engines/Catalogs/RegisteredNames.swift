import Schema

/// Names registered for an open-set flag in one engine version, e.g. vLLM
/// `--tool-call-parser` (from `spec/engines/<engine>/registered-parsers.tsv`).
///
/// Non-exhaustive: plugins can register more, so an unknown name is worth a warning
/// with a did-you-mean, not an error.
public struct RegisteredNames: Sendable, Hashable {
  /// The engine.
  public let engine: Engine
  /// The version the names were captured from.
  public let version: EngineVersion
  /// The flag, e.g. `--reasoning-parser`.
  public let flag: String
  /// The registered names, sorted as in the file.
  public let names: [String]

  /// The `names` registered for `flag` of `engine` at `version`.
  public init(engine: Engine, version: EngineVersion, flag: String, names: [String]) {
    self.engine = engine
    self.version = version
    self.flag = flag
    self.names = names
  }

  /// Parses `engine version flag names` rows; the header and malformed rows are skipped.
  static func parse(_ text: String) -> [RegisteredNames] {
    text.split(separator: "\n").compactMap { line -> RegisteredNames? in
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count >= 3, let engine = Engine(rawValue: f[0]), let version = EngineVersion(f[1])
      else {
        return nil
      }
      let names = f.count > 3 ? f[3].split(separator: ",").map(String.init) : []
      return RegisteredNames(engine: engine, version: version, flag: f[2], names: names)
    }
  }
}
