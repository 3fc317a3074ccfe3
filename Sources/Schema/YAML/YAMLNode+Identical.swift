extension YAMLNode {
  /// Whether two trees are the same as read: node for node the same kind, text, scalar and
  /// collection style, tag, marks and comments, keys in the same order. (`==` compares content
  /// only: resolved values, keys in any order.)
  public func isIdentical(to other: YAMLNode) -> Bool {
    guard start == other.start, end == other.end, tag == other.tag, comments == other.comments
    else { return false }
    switch (kind, other.kind) {
    case (.scalar(let s, let st), .scalar(let t, let tt)):
      return s == t && st == tt
    case (.mapping(let p, let ps), .mapping(let q, let qs)):
      return p.count == q.count && ps == qs
        && zip(p, q).allSatisfy {
          $0.key.isIdentical(to: $1.key) && $0.value.isIdentical(to: $1.value)
        }
    case (.sequence(let p, let ps), .sequence(let q, let qs)):
      return p.count == q.count && ps == qs && zip(p, q).allSatisfy { $0.isIdentical(to: $1) }
    default:
      return false
    }
  }
}
