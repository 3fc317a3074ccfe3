import Schema

/// What a v1 document says that the v2 fields do not: the difference between the source and
/// the v1 document rebuilt from v2 (`set` values, `delete`d keys, key `order`), and comments
/// that have no key of their own in v2. Kept in `provenance.roundtrip.extra`, applied by the
/// exporter, so that v1 → v2 → v1 is exact.
struct SGLangV1Residue {
  struct Set {
    var path: KeyPath
    var value: YAMLNode
  }
  struct Order {
    var path: KeyPath
    var keys: [String]
  }
  struct Comment {
    var path: KeyPath
    var key: YAMLComments
    var value: YAMLComments

    init(path: KeyPath, key: YAMLComments, value: YAMLComments) {
      self.path = path
      self.key = key
      self.value = value
    }

    /// The comments of `keys[i]` of the source document.
    init(_ i: Int, in keys: [SGLangV1PathTable.Key]) {
      self.init(
        path: SGLangV1PathTable.path(of: i, in: keys), key: keys[i].keyComments,
        value: keys[i].valueComments)
    }
  }

  var sets: [Set] = []
  var deletes: [KeyPath] = []
  var orders: [Order] = []
  var comments: [Comment] = []

  var isEmpty: Bool { sets.isEmpty && deletes.isEmpty && orders.isEmpty && comments.isEmpty }

  // MARK: - Diff and apply

  /// The residue that turns `rebuilt` into `original` (content and key order).
  static func diff(original: YAMLNode, rebuilt: YAMLNode) -> SGLangV1Residue {
    var r = SGLangV1Residue()
    var path: [KeyPath.Component] = []
    r.diff(original, rebuilt, &path)
    return r
  }

  /// Diffs two nodes at `path` (a stack of components: a `KeyPath` is built only for what is
  /// recorded).
  private mutating func diff(_ o: YAMLNode, _ b: YAMLNode, _ path: inout [KeyPath.Component]) {
    if case .mapping(let op, _) = o.kind, case .mapping(let bp, _) = b.kind, o.tag == b.tag {
      // The keys of the result (the rebuilt ones the original has, then the original's
      // missing ones) are compared with the original's scalar keys as they come: `w` is the
      // next original entry to compare with.
      var w = 0
      var inOrder = true
      func next(_ k: String) {
        while w < op.count, op[w].key.scalar == nil { w += 1 }
        if w < op.count, op[w].key.scalar == k { w += 1 } else { inOrder = false }
      }
      for p in bp {
        guard let k = p.key.scalar else { continue }
        if Self.index(of: k, in: op) != nil {
          next(k)
        } else {
          deletes.append(KeyPath(path + [.key(k)]))
        }
      }
      for p in op {
        guard let k = p.key.scalar else { continue }
        path.append(.key(k))
        if let j = Self.index(of: k, in: bp) {
          diff(p.value, bp[j].value, &path)
        } else {
          sets.append(Set(path: KeyPath(path), value: p.value))
          next(k)
        }
        path.removeLast()
      }
      while w < op.count, op[w].key.scalar == nil { w += 1 }
      if !inOrder || w < op.count {
        orders.append(Order(path: KeyPath(path), keys: op.compactMap { $0.key.scalar }))
      }
      return
    }
    if Self.sameSpelling(o, b) { return }
    if o != b || o.tag != b.tag { sets.append(Set(path: KeyPath(path), value: o)) }
  }

  /// The index of the first entry with this scalar key (what `YAMLNode[key]` finds).
  private static func index(of key: String, in pairs: [YAMLPair]) -> Int? {
    for i in pairs.indices {
      if case .scalar(let s, _) = pairs[i].key.kind, s == key { return i }
    }
    return nil
  }

  /// Whether two scalars (or sequences of them) are written alike: same text, style and tag,
  /// hence equal without resolving them.
  private static func sameSpelling(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
    guard a.tag == b.tag else { return false }
    switch (a.kind, b.kind) {
    case (.scalar(let at, let astyle), .scalar(let bt, let bstyle)):
      return astyle == bstyle && at == bt
    case (.sequence(let ai, _), .sequence(let bi, _)):
      return ai.count == bi.count && zip(ai, bi).allSatisfy { sameSpelling($0, $1) }
    default:
      return false
    }
  }

  /// `node` with the residue applied (deletes, then sets, then key orders).
  func apply(to node: YAMLNode) -> YAMLNode {
    var out = node
    for d in deletes { Self.remove(&out, d.components[...]) }
    for s in sets { Self.set(&out, s.path.components[...], s.value) }
    for o in orders { Self.reorder(&out, o.path.components[...], o.keys) }
    return out
  }

  static func remove(_ node: inout YAMLNode, _ path: ArraySlice<KeyPath.Component>) {
    guard let first = path.first else { return }
    switch first {
    case .key(let k):
      node.editPairs { pairs in
        guard let i = pairs.firstIndex(where: { $0.key.scalar == k }) else { return }
        if path.count == 1 {
          pairs.remove(at: i)
        } else {
          remove(&pairs[i].value, path.dropFirst())
        }
      }
    case .index(let i):
      node.editItems { items in
        guard items.indices.contains(i) else { return }
        if path.count == 1 { items.remove(at: i) } else { remove(&items[i], path.dropFirst()) }
      }
    }
  }

  static func set(_ node: inout YAMLNode, _ path: ArraySlice<KeyPath.Component>, _ value: YAMLNode)
  {
    guard let first = path.first else {
      node = value
      return
    }
    switch first {
    case .key(let k):
      if node.mapping == nil { node = .mapping([]) }
      node.editPairs { pairs in
        if let i = pairs.firstIndex(where: { $0.key.scalar == k }) {
          set(&pairs[i].value, path.dropFirst(), value)
        } else {
          var v = YAMLNode.mapping([])
          set(&v, path.dropFirst(), value)
          pairs.append(YAMLPair(k, v))
        }
      }
    case .index(let i):
      node.editItems { items in
        if items.indices.contains(i) { set(&items[i], path.dropFirst(), value) }
      }
    }
  }

  static func reorder(
    _ node: inout YAMLNode, _ path: ArraySlice<KeyPath.Component>, _ keys: [String]
  ) {
    if let first = path.first {
      switch first {
      case .key(let k):
        node.editPairs { pairs in
          if let i = pairs.firstIndex(where: { $0.key.scalar == k }) {
            reorder(&pairs[i].value, path.dropFirst(), keys)
          }
        }
      case .index(let i):
        node.editItems { items in
          if items.indices.contains(i) { reorder(&items[i], path.dropFirst(), keys) }
        }
      }
      return
    }
    guard case .mapping(let pairs, let style) = node.kind else { return }
    node.kind = .mapping(ordered(pairs, keys), style)
  }

  /// Pairs sorted by their index in `keys`; keys not listed keep their relative order at the end.
  static func ordered(_ pairs: [YAMLPair], _ keys: [String]) -> [YAMLPair] {
    // Most entries come in order already (or there is no order): then they stay as they are
    // (the sort is stable). The rank of a key is the index of its first occurrence in `keys`.
    if keys.count <= 32 {
      var last = -1
      var sorted = true
      for (i, p) in pairs.enumerated() {
        let r = p.key.scalar.flatMap { keys.firstIndex(of: $0) } ?? (keys.count + i)
        if r < last {
          sorted = false
          break
        }
        last = r
      }
      if sorted { return pairs }
    }
    var rank: [String: Int] = [:]
    for (i, k) in keys.enumerated() where rank[k] == nil { rank[k] = i }
    return pairs.enumerated().sorted { a, b in
      let ra = a.element.key.scalar.flatMap { rank[$0] } ?? (keys.count + a.offset)
      let rb = b.element.key.scalar.flatMap { rank[$0] } ?? (keys.count + b.offset)
      return ra < rb
    }.map(\.element)
  }

  // MARK: - Storage in provenance.roundtrip.extra

  static func pathNode(_ p: KeyPath) -> YAMLNode {
    .sequence(
      p.components.map { c in
        switch c {
        case .key(let k): return .string(k)
        case .index(let i): return .int(i)
        }
      }, style: .flow)
  }

  static func path(_ n: YAMLNode?) -> KeyPath? {
    guard let items = n?.sequence else { return nil }
    return KeyPath(
      items.map { item in
        if case .int(let i)? = item.resolved { return .index(i) }
        return .key(item.scalar ?? "")
      })
  }

  static func commentsNode(_ c: YAMLComments) -> YAMLNode {
    var pairs: [YAMLPair] = []
    if !c.before.isEmpty {
      pairs.append(YAMLPair("before", .sequence(c.before.map { .string($0) })))
    }
    if let t = c.trailing { pairs.append(YAMLPair("trailing", .string(t))) }
    return .mapping(pairs, style: .flow)
  }

  static func comments(_ n: YAMLNode?) -> YAMLComments {
    YAMLComments(
      before: n?["before"]?.sequence?.compactMap(\.scalar) ?? [], trailing: n?["trailing"]?.scalar)
  }

  /// Entries of `extra` (`set`, `delete`, `order`, `comments`); empty lists are left out.
  var pairs: [YAMLPair] {
    var out: [YAMLPair] = []
    out.reserveCapacity(4)
    if !sets.isEmpty {
      out.append(
        YAMLPair(
          "set",
          .sequence(sets.map { .mapping(["path": Self.pathNode($0.path), "value": $0.value]) })))
    }
    if !deletes.isEmpty { out.append(YAMLPair("delete", .sequence(deletes.map(Self.pathNode)))) }
    if !orders.isEmpty {
      out.append(
        YAMLPair(
          "order",
          .sequence(
            orders.map {
              .mapping([
                "path": Self.pathNode($0.path),
                "keys": .sequence($0.keys.map { .string($0) }, style: .flow),
              ])
            })))
    }
    if !comments.isEmpty {
      out.append(
        YAMLPair(
          "comments",
          .sequence(
            comments.map {
              .mapping([
                "path": Self.pathNode($0.path), "key": Self.commentsNode($0.key),
                "value": Self.commentsNode($0.value),
              ])
            })))
    }
    return out
  }

  init() {}

  /// Reads the residue back from `extra`.
  init(extra: YAMLNode?) {
    for s in extra?["set"]?.sequence ?? [] {
      if let p = Self.path(s["path"]), let v = s["value"] { sets.append(Set(path: p, value: v)) }
    }
    deletes = (extra?["delete"]?.sequence ?? []).compactMap { Self.path($0) }
    for o in extra?["order"]?.sequence ?? [] {
      if let p = Self.path(o["path"]) {
        orders.append(Order(path: p, keys: o["keys"]?.sequence?.compactMap(\.scalar) ?? []))
      }
    }
    for c in extra?["comments"]?.sequence ?? [] {
      if let p = Self.path(c["path"]) {
        comments.append(
          Comment(path: p, key: Self.comments(c["key"]), value: Self.comments(c["value"])))
      }
    }
  }
}
