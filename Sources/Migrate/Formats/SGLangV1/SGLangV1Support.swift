import Schema

/// Settings of a v1 source that decide how the v1 document is rebuilt from v2; kept in
/// `provenance.roundtrip.extra.hints`.
struct SGLangV1Hints: Sendable, Hashable {
  /// `backend.type` as written (nil: absent).
  var backendType: String?
  /// The srt-slurm top-level `environment` holds the common variables (v2 `env`).
  var topLevelEnvironment = false
  /// `benchmark.concurrencies` was a list (else an `x`-joined string).
  var concurrenciesList = false
  /// The source had no `name`.
  var nameAbsent = false
  /// The spelling of `served-model-name` in the engine configs, when `model.served_name`
  /// came from there.
  var servedNameFlag: String?
  /// Whether `sglang_version` is spelled without the leading `v`.
  var versionWithoutV = false

  init() {}

  init(_ n: YAMLNode?) {
    backendType = n?["backend_type"]?.scalar
    topLevelEnvironment = n?["environment"]?.scalar == "top-level"
    concurrenciesList = n?["concurrencies"]?.scalar == "list"
    nameAbsent = n?["name"]?.scalar == "absent"
    servedNameFlag = n?["served_name_flag"]?.scalar
    versionWithoutV = n?["sglang_version"]?.scalar == "without-v"
  }

  var node: YAMLNode? {
    var p: [YAMLPair] = []
    if let backendType { p.append(YAMLPair("backend_type", .string(backendType))) }
    if topLevelEnvironment { p.append(YAMLPair("environment", .string("top-level"))) }
    if concurrenciesList { p.append(YAMLPair("concurrencies", .string("list"))) }
    if nameAbsent { p.append(YAMLPair("name", .string("absent"))) }
    if let servedNameFlag { p.append(YAMLPair("served_name_flag", .string(servedNameFlag))) }
    if versionWithoutV { p.append(YAMLPair("sglang_version", .string("without-v"))) }
    return p.isEmpty ? nil : .mapping(p)
  }
}

enum SGLangV1Values {
  /// An engine arg value for a v1 flag value node.
  static func argValue(_ v: YAMLNode) -> RecipeV2.ArgValue {
    switch v.kind {
    case .scalar:
      guard v.tag == nil || v.tag == "!" || v.tag?.hasPrefix("tag:yaml.org,2002:") == true else {
        return .structured(v)
      }
      switch v.resolved {
      case .null?, nil: return .null
      case .bool(let b)?: return .bool(b)
      case .int(let i)?: return .int(i)
      case .float(let d)?: return .float(d)
      case .string(let s)?: return .string(s)
      }
    case .mapping: return .structured(v)
    case .sequence(let items, _):
      if items.allSatisfy({ $0.isScalar && !$0.isNull && ($0.tag == nil || $0.tag == "!") }) {
        return .list(items.map(argValue))
      }
      return .structured(v)
    }
  }

  /// A number as an int node when integral, else a float node.
  static func number(_ d: Double) -> YAMLNode {
    d == d.rounded() && abs(d) < 1e15 ? .int(Int(d)) : .float(d)
  }

  /// The comments of every key of a mapping by key.
  static func pairs(_ n: YAMLNode?) -> [YAMLPair] { n?.mapping ?? [] }
}
