import Schema

/// Which v1 key path corresponds to which v2 key path (for comments); a recursive entry maps
/// a whole subtree kept as written.
///
/// The v1 paths form a tree of components, so that finding a path takes one step per
/// component and a walk of a v1 document (`keys(of:)`) one step per key.
struct SGLangV1PathTable: Sendable {
  private struct Node: Sendable {
    var component: KeyPath.Component
    var firstChild = -1
    var nextSibling = -1
    /// The v2 path of this v1 path (the first mapping wins).
    var exact: KeyPath?
    /// The v2 path of the subtree under this path (the last mapping wins).
    var subtree: KeyPath?

    init(_ component: KeyPath.Component) { self.component = component }
  }

  /// Node 0 is the root (the empty path).
  private var nodes: [Node]

  init() {
    nodes = [Node(.index(0))]
    nodes.reserveCapacity(64)
  }

  /// Maps `v1` to `v2` (the first mapping of a path wins); `recursive` maps its subtree too.
  mutating func add(_ v1: KeyPath, _ v2: KeyPath, recursive: Bool = false) {
    set(node(at: v1), v2, recursive: recursive)
  }

  /// Maps `parent / key` to `v2`, like `add(parent / key, v2, recursive:)`.
  mutating func add(_ parent: KeyPath, _ key: String, _ v2: KeyPath, recursive: Bool = false) {
    set(child(of: node(at: parent), .key(key)), v2, recursive: recursive)
  }

  /// The node of a v1 path, made (with the nodes above it) when missing.
  private mutating func node(at v1: KeyPath) -> Int {
    var n = 0
    for c in v1.components { n = child(of: n, c) }
    return n
  }

  private mutating func set(_ n: Int, _ v2: KeyPath, recursive: Bool) {
    if recursive { nodes[n].subtree = v2 }
    if nodes[n].exact == nil { nodes[n].exact = v2 }
  }

  /// The child of node `n` for component `c`, made when missing.
  private mutating func child(of n: Int, _ c: KeyPath.Component) -> Int {
    if let i = find(n, c) { return i }
    var node = Node(c)
    node.nextSibling = nodes[n].firstChild
    nodes.append(node)
    nodes[n].firstChild = nodes.count - 1
    return nodes.count - 1
  }

  private func find(_ n: Int, _ c: KeyPath.Component) -> Int? {
    var i = nodes[n].firstChild
    while i >= 0 {
      if nodes[i].component == c { return i }
      i = nodes[i].nextSibling
    }
    return nil
  }

  // MARK: - Walking a document

  /// Where a walk of v1 paths is: the node of the path (nil once off the table) and the
  /// deepest subtree entry above it.
  private struct Cursor {
    var node: Int? = 0
    var depth = 0
    /// The v2 path of the deepest strict prefix with a subtree entry, and that prefix's depth.
    var subtree: KeyPath?
    var subtreeDepth = 0
  }

  private func step(_ cursor: Cursor, _ c: KeyPath.Component) -> Cursor {
    var next = cursor
    next.depth += 1
    guard let n = cursor.node else { return next }
    if let s = nodes[n].subtree {
      next.subtree = s
      next.subtreeDepth = cursor.depth
    }
    next.node = find(n, c)
    return next
  }

  /// The v2 path of the v1 path at a cursor: its exact entry, else the deepest kept subtree
  /// containing it. The v1 path has these components (from the root, or at least
  /// from the subtree entry's depth on: `components` ends at the cursor's depth).
  private func v2Path(at cursor: Cursor, components: ArraySlice<KeyPath.Component>) -> KeyPath? {
    if let n = cursor.node, let e = nodes[n].exact { return e }
    guard let base = cursor.subtree else { return nil }
    return KeyPath(base.components + components.suffix(cursor.depth - cursor.subtreeDepth))
  }

  /// One key or item of a v1 document: where it is, its comments and its v2 path.
  struct Key {
    /// The index of the enclosing key in the list (-1 for the root).
    var parent: Int
    /// The last component of the key's path.
    var component: KeyPath.Component
    /// The comments of the key and of its value; nil when there are none (most keys).
    var comments: (key: YAMLComments, value: YAMLComments)?
    var v2: KeyPath?

    init(
      parent: Int, component: KeyPath.Component, keyComments: YAMLComments,
      valueComments: YAMLComments, v2: KeyPath?
    ) {
      self.parent = parent
      self.component = component
      self.comments =
        keyComments.isEmpty && valueComments.isEmpty ? nil : (keyComments, valueComments)
      self.v2 = v2
    }

    var hasComments: Bool { comments != nil }
    var keyComments: YAMLComments { comments?.key ?? YAMLComments() }
    var valueComments: YAMLComments { comments?.value ?? YAMLComments() }
  }

  /// Every key and item of a v1 tree, root first (at `.root`) then in document order, with
  /// its comments and v2 path; `path(of:in:)` gives the v1 path of one.
  func keys(of document: YAMLNode) -> [Key] {
    var out: [Key] = []
    out.reserveCapacity(64)
    let root = Cursor()
    var components: [KeyPath.Component] = []
    components.reserveCapacity(8)
    out.append(
      Key(
        parent: -1, component: .index(0), keyComments: YAMLComments(),
        valueComments: document.comments, v2: v2Path(at: root, components: [])))
    walk(document, 0, root, &components, into: &out)
    return out
  }

  /// The v1 path of `keys[i]`.
  static func path(of i: Int, in keys: [Key]) -> KeyPath {
    var components: [KeyPath.Component] = []
    var k = i
    while k > 0 {
      components.append(keys[k].component)
      k = keys[k].parent
    }
    return KeyPath(components.reversed())
  }

  private func walk(
    _ n: YAMLNode, _ index: Int, _ cursor: Cursor, _ components: inout [KeyPath.Component],
    into out: inout [Key]
  ) {
    switch n.kind {
    case .scalar: return
    case .mapping(let pairs, _):
      for pair in pairs {
        let c = KeyPath.Component.key(pair.key.scalar ?? "")
        components.append(c)
        let next = step(cursor, c)
        out.append(
          Key(
            parent: index, component: c, keyComments: pair.key.comments,
            valueComments: pair.value.comments, v2: v2Path(at: next, components: components[...])))
        walk(pair.value, out.count - 1, next, &components, into: &out)
        components.removeLast()
      }
    case .sequence(let items, _):
      for (i, item) in items.enumerated() {
        let c = KeyPath.Component.index(i)
        components.append(c)
        let next = step(cursor, c)
        out.append(
          Key(
            parent: index, component: c, keyComments: YAMLComments(),
            valueComments: item.comments, v2: v2Path(at: next, components: components[...])))
        walk(item, out.count - 1, next, &components, into: &out)
        components.removeLast()
      }
    }
  }
}
