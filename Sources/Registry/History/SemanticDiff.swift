import Foundation
public import Schema

/// A diff of two recipe documents by key path (old value, new value), not by text lines:
/// reordering keys or reformatting is no change; comments are ignored.
public enum SemanticDiff {
  /// The leaves that differ, in the order of the old document then additions of the new.
  public static func compare(_ old: YAMLNode?, _ new: YAMLNode?) -> [FieldChange] {
    let a = leaves(old)
    let b = leaves(new)
    let bMap = Dictionary(b.map { ($0.0, $0.1) }, uniquingKeysWith: { x, _ in x })
    let aMap = Dictionary(a.map { ($0.0, $0.1) }, uniquingKeysWith: { x, _ in x })
    var out: [FieldChange] = []
    for (path, value) in a where bMap[path] != value {
      out.append(FieldChange(path: path, old: value, new: bMap[path]))
    }
    for (path, value) in b where aMap[path] == nil {
      out.append(FieldChange(path: path, old: nil, new: value))
    }
    return out
  }

  /// Compares two recipe texts (invalid YAML compares as empty).
  public static func compare(_ old: [UInt8]?, _ new: [UInt8]?) -> [FieldChange] {
    compare(old.flatMap { try? YAML.parse($0).root }, new.flatMap { try? YAML.parse($0).root })
  }

  private static func leaves(_ node: YAMLNode?) -> [(String, String)] {
    guard let node else { return [] }
    return node.leaves().map { leaf in
      let value: String
      if let s = leaf.node.resolved, leaf.node.scalar != nil {
        value = canonical(s, raw: leaf.node.scalar ?? "")
      } else {
        value = leaf.node.mapping != nil ? "{}" : "[]"
      }
      return (leaf.path.description, value)
    }
  }

  /// The value's text: numbers by value (`0.90` equals `0.9`), strings quoted when they
  /// would read as another type (`"1"` differs from `1`).
  private static func canonical(_ s: ResolvedScalar, raw: String) -> String {
    switch s {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let d): return String(d)
    case .string(let t):
      return {
        if case .string = ScalarResolver.resolvePlain(t) { return true } else { return false }
      }() ? t : "\"" + t + "\""
    }
  }
}
