/// Lenient readers and the allowed-value lists shared by the v1 decoder and encoder.
enum V1Values {
  static let gpuTypes = [
    "gb200", "gb300", "b200", "b300", "h100", "h200", "h20", "a100", "l40s", "l4",
    "rtx-pro-6000", "mi300x", "mi325x", "mi355x",
  ]
  static let precisions = ["fp4", "nvfp4", "mxfp4", "fp8", "fp16", "bf16", "fp32", "int4", "int8"]
  static let backendTypes = ["sglang", "vllm", "trtllm", "mocker"]
  static let frontendTypes = ["dynamo", "sglang", "trtllm_serve", "vllm"]
  static let benchmarkTypes = [
    "manual", "custom", "sa-bench", "sglang-bench", "mmlu", "gpqa", "gsm8k", "longbenchv2",
    "router", "mooncake-router", "trace-replay",
  ]
  static let profilingTypes = ["none", "nsys", "torch"]

  /// A template placeholder such as `{conc}` (srtctl sweeps substitute them).
  static func isPlaceholder(_ node: YAMLNode) -> Bool {
    guard let s = node.scalar else { return false }
    return isPlaceholder(text: s)
  }

  /// Whether a scalar's text is a template placeholder such as `{conc}`.
  static func isPlaceholder(text s: String) -> Bool {
    // ASCII (nearly always): bytes are characters (a CR LF pair inside counts once as a
    // character but changes neither answer).
    if ASCII.isASCII(s) {
      let u = s.utf8
      guard u.count > 2, u.first == UInt8(ascii: "{"), u.last == UInt8(ascii: "}") else {
        return false
      }
      return !u.dropFirst().dropLast().contains {
        $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: " ")
      }
    }
    guard s.hasPrefix("{"), s.hasSuffix("}"), s.count > 2 else { return false }
    return !s.dropFirst().dropLast().contains { $0 == "{" || $0 == "}" || $0 == " " }
  }

  static func int(_ n: YAMLNode) -> Int? {
    switch n.resolved {
    case .int(let i)?: return i
    case .string(let s)?: return Int(s.trimmingSpaces)
    default: return nil
    }
  }

  static func double(_ n: YAMLNode) -> Double? {
    switch n.resolved {
    case .int(let i)?: return Double(i)
    case .float(let d)?: return d
    case .string(let s)?: return Double(s.trimmingSpaces)
    default: return nil
    }
  }

  static func bool(_ n: YAMLNode) -> Bool? {
    switch n.resolved {
    case .bool(let b)?: return b
    case .string(let s)? where s == "true" || s == "false": return s == "true"
    default: return nil
    }
  }

  static func string(_ n: YAMLNode) -> String? { n.isNull ? nil : n.scalar }

  /// A boolean that may be `null` (srtctl's `bool | None`: null means "not set").
  static func optionalBool(_ r: MappingReader, _ key: String) -> Bool? {
    guard let n = r.node(key), !n.isNull else { return nil }
    return MappingReader.bool(n, path: r.path / key, context: r.context)
  }

  /// Whether `known`, a list of lowercase values such as `gpuTypes`, holds `s.lowercased()`.
  /// For ASCII text that is a case-insensitive byte match (`MappingReader.asciiMatch`, the
  /// one `oneOf` uses); only a miss or non-ASCII text lowercases.
  static func isKnown(_ s: String, in known: [String]) -> Bool {
    MappingReader.asciiMatch(s, in: known) != nil || known.contains(s.lowercased())
  }

  /// An integer field that may also be a `{placeholder}`; placeholders read as nil silently.
  static func int(_ r: MappingReader, _ key: String, min: Int? = 0) -> Int? {
    // One lookup: an absent key is not required here, so it reads as nil without a report.
    guard let n = r.node(key), !isPlaceholder(n) else { return nil }
    return MappingReader.int(n, path: r.path / key, context: r.context, min: min)
  }

  /// A closed-set value that is only warned about when unknown (new GPUs, precisions and
  /// benchmark types appear upstream faster than this list).
  static func open(_ r: MappingReader, _ key: String, _ known: [String], required: Bool = false)
    -> String?
  {
    guard let s = r.string(key, required: required) else { return nil }
    if !isKnown(s, in: known), let n = r.node(key), !isPlaceholder(n) {
      var hint = "known values: \(known.joined(separator: ", "))"
      if let near = DidYouMean.closest(to: s, in: known) {
        hint = "did you mean '\(near)'? " + hint
      }
      r.context.warning(
        "unknown-value", "unknown \(key) '\(s)'", at: n, path: r.path / key, hint: hint)
    }
    return s
  }
}

/// Builds a mapping for `encode()`: keys in the order of the source mapping (then canonical
/// order for keys the source did not have), reusing source nodes whose typed value did not
/// change so that comments, quoting and untyped keys survive.
struct V1MappingBuilder {
  let source: YAMLNode?
  let canonical: [String]
  private var values: [String: YAMLNode] = [:]
  private var handled: Set<String> = []

  init(source: YAMLNode?, canonical: [String]) {
    self.source = source?.mapping == nil ? nil : source
    self.canonical = canonical
  }

  /// Sets a key to a node (nil: the key is left out).
  mutating func set(_ key: String, _ node: YAMLNode?) {
    handled.insert(key)
    if let node { values[key] = node }
  }

  /// Sets a typed scalar, reusing the source node when it reads back as the same value, and
  /// keeping a source node that could not be typed (a placeholder) when the value is nil.
  mutating func scalar<T: Equatable>(
    _ key: String, _ value: T?, read: (YAMLNode) -> T?, make: (T) -> YAMLNode
  ) {
    handled.insert(key)
    let old = source?[key]
    if let value {
      if let old, read(old) == value { values[key] = old } else { values[key] = make(value) }
    } else if let old, read(old) == nil, !old.isNull || old.scalar?.isEmpty == false {
      values[key] = old
    } else if let old, old.isNull {
      values[key] = old
    }
  }

  mutating func string(_ key: String, _ value: String?) {
    scalar(key, value, read: V1Values.string, make: YAMLNode.string)
  }

  mutating func int(_ key: String, _ value: Int?) {
    scalar(key, value, read: V1Values.int, make: YAMLNode.int)
  }

  mutating func double(_ key: String, _ value: Double?) {
    scalar(key, value, read: V1Values.double, make: YAMLNode.float)
  }

  mutating func bool(_ key: String, _ value: Bool?) {
    scalar(key, value, read: V1Values.bool, make: YAMLNode.bool)
  }

  func build() -> YAMLNode {
    var pairs: [YAMLPair] = []
    var done: Set<String> = []
    for p in source?.mapping ?? [] {
      guard let k = p.key.scalar else { continue }
      done.insert(k)
      if !handled.contains(k) {
        pairs.append(p)
      } else if var v = values[k] {
        if v.comments.isEmpty { v.comments = p.value.comments }
        pairs.append(YAMLPair(key: p.key, value: v))
      }
    }
    for k in canonical where !done.contains(k) {
      if let v = values[k] {
        pairs.append(YAMLPair(k, v))
        done.insert(k)
      }
    }
    for (k, v) in values.sorted(by: { $0.key < $1.key }) where !done.contains(k) {
      pairs.append(YAMLPair(k, v))
    }
    var node = source ?? .mapping([])
    node.kind = .mapping(
      pairs, source.flatMap { if case .mapping(_, let s) = $0.kind { s } else { nil } } ?? .block)
    return node
  }
}
