/// YAML merge keys (`<<: *base`, `<<: [*a, *b]`), resolved as PyYAML's `flatten_mapping`
/// does: the merged mappings' entries come first, a mapping's own keys win over merged ones,
/// and in a list of merges an earlier mapping wins over a later one.
///
/// Every upstream recipe tool reads with PyYAML, and real srt-slurm recipes share settings
/// this way. Only a plain, untagged `<<` key is a merge key (`"<<"` is a string key).
enum YAMLMergeKeys {
  /// Whether a source may hold a merge key: a cheap scan for `<<` before any tree walk.
  static func mayHold(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 1
    let n = bytes.count
    while i < n {
      if bytes[i] == UInt8(ascii: "<") {
        if bytes[i - 1] == UInt8(ascii: "<") { return true }
        i += 1
      } else {
        i += 2
      }
    }
    return false
  }

  /// Resolves every merge key of a document's tree.
  /// - Returns: where the merge keys were (their key marks), in source order.
  /// - Throws: `YAMLError.invalidMerge` when a merge value is neither a mapping nor a list of
  ///   mappings.
  static func resolve(_ document: inout YAMLDocument) throws(YAMLError) -> [Mark] {
    var marks: [Mark] = []
    try resolve(&document.root, marks: &marks)
    return marks
  }

  private static func isMergeKey(_ key: YAMLNode) -> Bool {
    guard case .scalar(let text, .plain) = key.kind, key.tag == nil else { return false }
    return text == "<<"
  }

  private static func resolve(_ node: inout YAMLNode, marks: inout [Mark]) throws(YAMLError) {
    switch node.kind {
    case .sequence(var items, let style):
      guard !items.isEmpty else { return }
      node.kind = .sequence([], style)
      for i in items.indices { try resolve(&items[i], marks: &marks) }
      node.kind = .sequence(items, style)
    case .mapping(var pairs, let style):
      guard !pairs.isEmpty else { return }
      node.kind = .mapping([], style)
      for i in pairs.indices { try resolve(&pairs[i].value, marks: &marks) }
      if pairs.contains(where: { isMergeKey($0.key) }) {
        pairs = try flatten(pairs, marks: &marks)
      }
      node.kind = .mapping(pairs, style)
    case .scalar:
      return
    }
  }

  /// PyYAML: merged entries (each merge value's, a list's mappings last to first), then the
  /// mapping's own; a later entry replaces an earlier one with the same key, in its place.
  private static func flatten(_ pairs: [YAMLPair], marks: inout [Mark]) throws(YAMLError)
    -> [YAMLPair]
  {
    var merged: [YAMLPair] = []
    var own: [YAMLPair] = []
    own.reserveCapacity(pairs.count)
    for pair in pairs {
      guard isMergeKey(pair.key) else {
        own.append(pair)
        continue
      }
      marks.append(pair.key.start)
      switch pair.value.kind {
      case .mapping(let m, _):
        merged += m
      case .sequence(let items, _):
        var lists: [[YAMLPair]] = []
        for item in items {
          guard case .mapping(let m, _) = item.kind else { throw invalid(item) }
          lists.append(m)
        }
        for m in lists.reversed() { merged += m }
      default:
        throw invalid(pair.value)
      }
    }
    var out: [YAMLPair] = []
    out.reserveCapacity(merged.count + own.count)
    var index: [String: [Int]] = [:]
    for pair in merged + own {
      let text = pair.key.scalar ?? ""
      if let i = index[text]?.first(where: { out[$0].key == pair.key }) {
        out[i] = pair
      } else {
        index[text, default: []].append(out.count)
        out.append(pair)
      }
    }
    return out
  }

  private static func invalid(_ node: YAMLNode) -> YAMLError {
    YAMLError(
      .invalidMerge,
      "a merge key '<<' takes a mapping or a list of mappings, not a \(node.typeName)",
      at: node.start,
      hint:
        "write '<<: *anchor' or '<<: [*a, *b]' with anchors on mappings, or quote \"<<\" for a plain key"
    )
  }
}
