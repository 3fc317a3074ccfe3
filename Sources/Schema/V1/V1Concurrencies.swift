/// `benchmark.concurrencies`: an `x`-separated string (`"4x8x16"`) or a list.
public enum V1Concurrencies: Sendable, Hashable {
  case string(String)
  /// List items as written (`4`, `"16x32"`, `"{conc}"`).
  case list([String])

  /// The concurrency levels, expanded; placeholders are skipped.
  public var values: [Int] {
    let parts: [String]
    switch self {
    case .string(let s): parts = [s]
    case .list(let l): parts = l
    }
    return parts.flatMap { $0.split(separator: "x").compactMap { Int($0) } }
  }

  /// Whether one written item is valid: `N`, `NxMx…` or a `{placeholder}`.
  static func isValid(_ text: String) -> Bool {
    if V1Values.isPlaceholder(text: text) { return true }
    // Split at `x` bytes without an array of parts. A non-ASCII byte makes its part fail
    // `Int` whether the split is by bytes or by characters, so both give the same answer.
    let u = text.utf8
    var start = u.startIndex
    var i = start
    while true {
      if i == u.endIndex || u[i] == UInt8(ascii: "x") {
        guard let n = Int(text[start..<i]), n > 0 else { return false }
        if i == u.endIndex { return true }
        i = u.index(after: i)
        start = i
      } else {
        i = u.index(after: i)
      }
    }
  }

  static func decode(_ n: YAMLNode, path: KeyPath, context: DecodeContext) -> V1Concurrencies? {
    let hint = "write levels as \"4x8x16\" or as a list [4, 8, 16]"
    if let items = n.sequence {
      var out: [String] = []
      for (i, item) in items.enumerated() {
        guard let s = item.scalar, item.resolved?.typeName == "integer" || isValid(s) else {
          context.error(
            "invalid-value", "invalid concurrency \(MappingReader.describe(item))",
            at: item, path: path.appending(index: i), hint: hint)
          continue
        }
        out.append(s)
      }
      return .list(out)
    }
    guard let s = n.scalar, !n.isNull, isValid(s) else {
      context.error(
        "invalid-value", "invalid concurrencies \(MappingReader.describe(n))", at: n,
        path: path, hint: hint)
      return nil
    }
    return .string(s)
  }

  var node: YAMLNode {
    switch self {
    case .string(let s): return Int(s) != nil ? YAMLNode(.scalar(s, .doubleQuoted)) : .string(s)
    case .list(let l):
      return .sequence(l.map { Int($0).map(YAMLNode.int) ?? .string($0) }, style: .flow)
    }
  }

  static func read(_ n: YAMLNode) -> V1Concurrencies? {
    if let items = n.sequence { return .list(items.compactMap(\.scalar)) }
    return n.scalar.map { .string($0) }
  }
}
