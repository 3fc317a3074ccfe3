public import Migrate
import Schema

/// Two recipes side by side (`registry compare A B`): every key of their v2 form (engine,
/// topology, serving fields, per-role flags and env...) flattened to `key.path = value`, and
/// their stored results as the best output tokens/s per GPU (and its TTFT) at each concurrency.
public enum RecipeComparison {
  /// One compared key.
  public struct Row: Sendable, Hashable, Codable {
    /// The flattened key path (`roles.decode.args.--mem-fraction-static`, `results.c8`).
    public var key: String
    /// A's value, nil when A does not have the key.
    public var a: String?
    /// B's value.
    public var b: String?

    /// Whether the two differ.
    public var differs: Bool { a != b }
  }

  /// The rows of `a` and `b` (keys in A's order, then B's own), results last.
  public static func rows(
    a: ReadRecipe, b: ReadRecipe, resultsA: [ResultRecord], resultsB: [ResultRecord]
  ) -> [Row] {
    let fa = flatten(a)
    let fb = flatten(b)
    let mapA = Dictionary(fa, uniquingKeysWith: { x, _ in x })
    let mapB = Dictionary(fb, uniquingKeysWith: { x, _ in x })
    var keys = fa.map(\.0)
    let seen = Set(keys)
    keys += fb.map(\.0).filter { !seen.contains($0) }
    var rows = keys.map { Row(key: $0, a: mapA[$0], b: mapB[$0]) }
    let ra = results(resultsA)
    let rb = results(resultsB)
    let concurrencies = Set(ra.keys).union(rb.keys).sorted()
    for c in concurrencies {
      rows.append(Row(key: "results.c\(c)", a: ra[c], b: rb[c]))
    }
    return rows
  }

  /// The recipe's v2 form (its source document when it has none) as `key.path = value` pairs.
  static func flatten(_ read: ReadRecipe) -> [(String, String)] {
    var root: YAMLNode?
    if let text = read.canonicalV2Text(), let doc = try? YAML.parse(text) { root = doc.root }
    root = root ?? read.documents.first?.root
    var out: [(String, String)] = []
    if let root { flatten(root, path: "", into: &out) }
    return out
  }

  private static func flatten(_ node: YAMLNode, path: String, into out: inout [(String, String)]) {
    if let pairs = node.mapping {
      for p in pairs {
        let key = p.key.scalar ?? "?"
        flatten(p.value, path: path.isEmpty ? key : path + "." + key, into: &out)
      }
    } else if let items = node.sequence {
      if items.allSatisfy({ $0.scalar != nil }) {
        out.append((path, "[" + items.compactMap(\.scalar).joined(separator: ", ") + "]"))
      } else {
        for (i, item) in items.enumerated() { flatten(item, path: path + "[\(i)]", into: &out) }
      }
    } else {
      out.append((path, node.scalar ?? ""))
    }
  }

  /// Per concurrency: the best output tokens/s per GPU and its TTFT mean.
  static func results(_ records: [ResultRecord]) -> [Int: String] {
    var out: [Int: String] = [:]
    for (c, list) in Dictionary(grouping: records, by: { $0.workload.concurrency ?? 0 }) {
      guard let best = BestPoint.best(list), let v = best.figures.outputTokensPerSPerGPU else {
        continue
      }
      out[c] =
        "\(ResultTable.format(v)) tok/s/GPU"
        + (best.figures.ttft.meanMs.map { ", TTFT \(ResultTable.format($0)) ms" } ?? "")
    }
    return out
  }
}
