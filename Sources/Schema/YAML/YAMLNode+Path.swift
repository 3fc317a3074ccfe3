extension YAMLNode {
  /// The node at a key path below this one, if every step exists.
  public func value(at path: KeyPath) -> YAMLNode? {
    var node = self
    for component in path.components {
      switch component {
      case .key(let k):
        guard let next = node[k] else { return nil }
        node = next
      case .index(let i):
        guard let items = node.sequence, items.indices.contains(i) else { return nil }
        node = items[i]
      }
    }
    return node
  }

  /// The key node of the entry at a key path below this one (its last component must be a
  /// key), for pointing at the key rather than the value.
  public func keyNode(at path: KeyPath) -> YAMLNode? {
    guard case .key(let last)? = path.components.last else { return nil }
    let parent = value(at: KeyPath(Array(path.components.dropLast())))
    return parent?.mapping?.first { $0.key.scalar == last }?.key
  }

  /// Every scalar leaf below this node with its key path, in document order.
  public func leaves(prefix: KeyPath = .root) -> [(path: KeyPath, node: YAMLNode)] {
    var out: [(KeyPath, YAMLNode)] = []
    collectLeaves(prefix, into: &out)
    return out
  }

  private func collectLeaves(_ path: KeyPath, into out: inout [(KeyPath, YAMLNode)]) {
    switch kind {
    case .scalar:
      out.append((path, self))
    case .mapping(let pairs, _):
      if pairs.isEmpty { out.append((path, self)) }
      for p in pairs { p.value.collectLeaves(path.appending(p.key.scalar ?? ""), into: &out) }
    case .sequence(let items, _):
      if items.isEmpty { out.append((path, self)) }
      for (i, item) in items.enumerated() {
        item.collectLeaves(path.appending(index: i), into: &out)
      }
    }
  }

  /// Sets (or adds, at the end) the value of a key in a mapping; no effect on other kinds.
  public mutating func set(_ key: String, _ value: YAMLNode) {
    editPairs { pairs in
      if let i = pairs.firstIndex(where: { $0.key.scalar == key }) {
        var v = value
        if v.comments.isEmpty { v.comments = pairs[i].value.comments }
        pairs[i].value = v
      } else {
        pairs.append(YAMLPair(key, value))
      }
    }
  }

  /// Removes a key from a mapping and returns its value.
  @discardableResult
  public mutating func remove(_ key: String) -> YAMLNode? {
    editPairs { pairs in
      pairs.firstIndex { $0.key.scalar == key }.map { pairs.remove(at: $0).value }
    } ?? nil
  }
}
