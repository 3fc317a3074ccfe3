public import Migrate
public import Schema

/// Puts source comments on a converted document: the placements a converter reports
/// (``Conversion/comments``), or, for a document converted from the same shape, the
/// comments found at the same key paths.
///
/// A stop-gap for the `CommentTransplant` utility of the migration work; when it lands,
/// ``apply(_:to:)`` should delegate to it.
public enum CommentCarrier {
  /// Applies placements to `root` (unknown paths are skipped; header comments go first).
  public static func apply(_ placements: [CommentPlacement], to root: YAMLNode) -> YAMLNode {
    var out = root
    for p in placements { set(p, in: &out, components: p.path.components[...]) }
    return out
  }

  /// Placements for every commented key of `source`, at the same path (a v2 → v2 rewrite).
  public static func samePath(from source: YAMLNode) -> [CommentPlacement] {
    var out: [CommentPlacement] = []
    if !source.comments.isEmpty {
      out.append(CommentPlacement(path: .root, keyComments: source.comments, valueComments: YAMLComments()))
    }
    collect(source, .root, into: &out)
    return out
  }

  private static func collect(_ node: YAMLNode, _ path: KeyPath, into out: inout [CommentPlacement]) {
    if let pairs = node.mapping {
      for pair in pairs {
        guard let k = pair.key.scalar else { continue }
        let p = path.appending(k)
        if !pair.key.comments.isEmpty || !pair.value.comments.isEmpty {
          out.append(CommentPlacement(path: p, keyComments: pair.key.comments, valueComments: pair.value.comments))
        }
        collect(pair.value, p, into: &out)
      }
    } else if let items = node.sequence {
      for (i, item) in items.enumerated() {
        let p = path.appending(index: i)
        if !item.comments.isEmpty {
          out.append(CommentPlacement(path: p, keyComments: YAMLComments(), valueComments: item.comments))
        }
        collect(item, p, into: &out)
      }
    }
  }

  private static func set(_ p: CommentPlacement, in node: inout YAMLNode, components: ArraySlice<KeyPath.Component>) {
    guard let first = components.first else {
      node.comments = merge(node.comments, p.keyComments)
      node.comments = merge(node.comments, p.valueComments)
      return
    }
    let rest = components.dropFirst()
    switch (first, node.kind) {
    case (.key(let k), .mapping(var pairs, let style)):
      guard let i = pairs.firstIndex(where: { $0.key.scalar == k }) else { return }
      if rest.isEmpty {
        pairs[i].key.comments = merge(pairs[i].key.comments, p.keyComments)
        pairs[i].value.comments = merge(pairs[i].value.comments, p.valueComments)
      } else {
        set(p, in: &pairs[i].value, components: rest)
      }
      node.kind = .mapping(pairs, style)
    case (.index(let i), .sequence(var items, let style)):
      guard items.indices.contains(i) else { return }
      set(p, in: &items[i], components: rest)
      node.kind = .sequence(items, style)
    default:
      return
    }
  }

  private static func merge(_ a: YAMLComments, _ b: YAMLComments) -> YAMLComments {
    YAMLComments(before: a.before + b.before, trailing: a.trailing ?? b.trailing)
  }
}
