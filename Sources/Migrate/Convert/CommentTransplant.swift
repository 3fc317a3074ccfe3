package import Schema

/// Moves comments between documents by key path: collects the comments of a source tree and
/// puts `CommentPlacement`s onto the matching keys of a converted tree. Every converter uses
/// it, so that comments survive a conversion.
///
/// A placement whose path does not exist in the target is not dropped: its comments go to the
/// nearest existing ancestor key (or the root), as whole-line comments before it.
package enum CommentTransplant {
  /// The comments of every key and sequence item of `node`, by path (root comments at
  /// `.root`); keys and items without comments are left out.
  package static func collect(_ node: YAMLNode, at path: KeyPath = .root) -> [CommentPlacement] {
    var out: [CommentPlacement] = []
    if path.isEmpty, !node.comments.isEmpty {
      out.append(
        CommentPlacement(path: .root, keyComments: YAMLComments(), valueComments: node.comments))
    }
    collect(node, path, into: &out)
    return out
  }

  private static func collect(_ node: YAMLNode, _ path: KeyPath, into out: inout [CommentPlacement])
  {
    switch node.kind {
    case .scalar: return
    case .mapping(let pairs, _):
      for p in pairs {
        let sub = path.appending(p.key.scalar ?? "")
        if !p.key.comments.isEmpty || !p.value.comments.isEmpty {
          out.append(
            CommentPlacement(
              path: sub, keyComments: p.key.comments, valueComments: p.value.comments))
        }
        collect(p.value, sub, into: &out)
      }
    case .sequence(let items, _):
      for (i, item) in items.enumerated() {
        let sub = path.appending(index: i)
        if !item.comments.isEmpty {
          out.append(
            CommentPlacement(path: sub, keyComments: YAMLComments(), valueComments: item.comments))
        }
        collect(item, sub, into: &out)
      }
    }
  }

  /// `node` with the placements' comments put on the keys (and values) at their paths.
  ///
  /// Several placements on one path are merged (whole-line comments concatenated without
  /// repeats, the first trailing comment kept, later different ones moved before the key).
  /// A path that does not exist sends its comments to the nearest existing ancestor.
  package static func apply(_ placements: [CommentPlacement], to node: YAMLNode) -> YAMLNode {
    guard !placements.isEmpty else { return node }
    var byPath: [KeyPath: CommentPlacement] = [:]
    var order: [KeyPath] = []
    for p in placements {
      var target = p
      if node.value(at: p.path) == nil {
        var comps = p.path.components
        while !comps.isEmpty, node.value(at: KeyPath(comps)) == nil { comps.removeLast() }
        let lines =
          p.keyComments.before + p.keyComments.trailing.map { [$0] }.orEmpty
          + p.valueComments.before + p.valueComments.trailing.map { [$0] }.orEmpty
        target = CommentPlacement(
          path: KeyPath(comps), keyComments: YAMLComments(before: lines),
          valueComments: YAMLComments())
        if comps.isEmpty {
          target = CommentPlacement(
            path: .root, keyComments: YAMLComments(), valueComments: YAMLComments(before: lines))
        }
      }
      if let existing = byPath[target.path] {
        byPath[target.path] = merge(existing, target)
      } else {
        byPath[target.path] = target
        order.append(target.path)
      }
    }
    var out = node
    if let root = byPath[.root] { out.comments = merge(out.comments, root.valueComments) }
    for path in order where !path.isEmpty {
      if let p = byPath[path] { place(p, &out, path.components[...]) }
    }
    return out
  }

  /// Puts one placement on the key (or item) at the rest of its path below `node`: on every
  /// entry with that key (a key that is not a scalar counts as "").
  private static func place(
    _ p: CommentPlacement, _ node: inout YAMLNode, _ rest: ArraySlice<KeyPath.Component>
  ) {
    guard let first = rest.first else { return }
    switch first {
    case .key(let k):
      node.editPairs { pairs in
        for i in pairs.indices where (pairs[i].key.scalar ?? "") == k {
          if rest.count == 1 {
            pairs[i].key.comments = p.keyComments
            pairs[i].value.comments = p.valueComments
          } else {
            place(p, &pairs[i].value, rest.dropFirst())
          }
        }
      }
    case .index(let i):
      node.editItems { items in
        guard items.indices.contains(i) else { return }
        if rest.count == 1 {
          items[i].comments = merge(p.keyComments, p.valueComments)
        } else {
          place(p, &items[i], rest.dropFirst())
        }
      }
    }
  }

  static func merge(_ a: CommentPlacement, _ b: CommentPlacement) -> CommentPlacement {
    CommentPlacement(
      path: a.path, keyComments: merge(a.keyComments, b.keyComments),
      valueComments: merge(a.valueComments, b.valueComments))
  }

  static func merge(_ a: YAMLComments, _ b: YAMLComments) -> YAMLComments {
    var out = a
    for c in b.before where !out.before.contains(c) { out.before.append(c) }
    if let t = b.trailing, t != out.trailing {
      if out.trailing == nil {
        out.trailing = t
      } else if !out.before.contains(t) {
        out.before.append(t)
      }
    }
    return out
  }
}

extension Optional where Wrapped == [String] {
  var orEmpty: [String] { self ?? [] }
}
