/// Tree building: a completed node goes into the open collection, or becomes the root.
extension YAMLParser {
  func lastEndMark(fallback: Mark) -> Mark {
    lastCompletedEnd.isKnown ? lastCompletedEnd : fallback
  }

  mutating func add(_ node: consuming YAMLNode, size: Int) throws(YAMLError) {
    lastCompletedEnd = node.end
    guard !stack.isEmpty else {
      root = consume node
      rootSize = size
      return
    }
    // One access to the open collection for the whole update.
    if let r = try Self.add(
      consume node, size: size, to: &stack[stack.count - 1], allowRepeats: allowRepeatedKeys)
    {
      repeated.append(r)
    }
  }

  /// - Returns: the repeat, when the node is a key written before and repeats are allowed.
  private static func add(
    _ node: consuming YAMLNode, size: Int, to frame: inout Frame, allowRepeats: Bool
  ) throws(YAMLError) -> YAMLRepeatedKey? {
    frame.size += size
    if !frame.isMapping {
      // Room for a few items at once: growing 1, 2, 4… costs an allocation each time.
      if frame.items.isEmpty { frame.items.reserveCapacity(4) }
      frame.items.append(consume node)
      return nil
    }
    guard let key = frame.pendingKey.take() else {
      guard case .scalar(let text, _) = node.kind else {
        throw YAMLError(
          .nonScalarKey, "a mapping key must be a plain value, not a \(node.typeName)",
          at: node.start, hint: "quote the key or restructure the mapping")
      }
      var repeated: YAMLRepeatedKey?
      if let i = try checkDuplicate(node, text: text, in: &frame, allowRepeats: allowRepeats) {
        frame.replacing = i
        repeated = YAMLRepeatedKey(key: text, mark: node.start, first: frame.pairs[i].key.start)
      }
      frame.pendingKey = consume node
      return repeated
    }
    if let i = frame.replacing.take() {
      // PyYAML: the first entry's place, the last entry's value.
      frame.pairs[i].value = consume node
      return nil
    }
    if frame.pairs.isEmpty { frame.pairs.reserveCapacity(8) }
    frame.pairs.append(YAMLPair(key: key, value: consume node))
    return nil
  }

  /// - Returns: the index of the entry a repeated key repeats, when repeats are allowed.
  private static func checkDuplicate(
    _ key: YAMLNode, text: String, in frame: inout Frame, allowRepeats: Bool
  ) throws(YAMLError) -> Int? {
    func fail(_ first: YAMLNode) -> YAMLError {
      YAMLError(
        .duplicateKey, "duplicate key '\(text)' (first defined at \(first.start))", at: key.start,
        related: first.start, hint: "remove one of the two '\(text)' entries; YAML keeps only one")
    }
    if frame.keyIndex != nil {
      if let i = frame.keyIndex![text], frame.pairs[i].key == key {
        if allowRepeats { return i }
        throw fail(frame.pairs[i].key)
      }
      frame.keyIndex![text] = frame.pairs.count
      return nil
    }
    let length = text.utf8.count
    for i in frame.pairs.indices {
      // Comparing lengths first skips most string comparisons.
      guard case .scalar(let other, _) = frame.pairs[i].key.kind, other.utf8.count == length,
        other == text
      else { continue }
      if frame.pairs[i].key == key {
        if allowRepeats { return i }
        throw fail(frame.pairs[i].key)
      }
    }
    if frame.pairs.count >= 16 {
      var index: [String: Int] = [:]
      for (i, pair) in frame.pairs.enumerated() { index[pair.key.scalar ?? ""] = i }
      index[text] = frame.pairs.count
      frame.keyIndex = index
    }
    return nil
  }
}
