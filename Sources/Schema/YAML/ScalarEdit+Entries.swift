/// Byte edits of keys and entries, next to ``ScalarEdit``: several edits computed against one
/// parse of a source text and applied together, every other byte (comments, spacing, quoting)
/// kept.
extension ScalarEdit {
  /// One replacement of a byte range of the source.
  package struct ByteEdit: Sendable, Hashable {
    /// The bytes replaced (offsets into the original source).
    package var range: Range<Int>
    /// What goes there.
    package var replacement: [UInt8]

    package init(range: Range<Int>, replacement: [UInt8]) {
      self.range = range
      self.replacement = replacement
    }
  }

  /// Renames the key of the entry at `path` (its last component must be a key), keeping the
  /// key's quoting style where it can hold the new text.
  package static func renameKey(at path: KeyPath, to newKey: String, root: YAMLNode) throws(Failure)
    -> ByteEdit
  {
    let key = try entry(at: path, root: root).key
    guard case .scalar(_, let style) = key.kind else {
      throw .notAScalar(path, found: key.typeName)
    }
    return ByteEdit(
      range: key.start.offset..<key.end.offset,
      replacement: Array(render(newKey, style: style, wasString: true).utf8))
  }

  /// Replaces the scalar value at `path` (as ``replace(at:with:in:root:)`` does) as an edit.
  package static func replaceValue(at path: KeyPath, with newValue: String, root: YAMLNode)
    throws(Failure) -> ByteEdit
  {
    guard let node = root.value(at: path) else { throw .notFound(path) }
    guard case .scalar(let old, let style) = node.kind else {
      throw .notAScalar(path, found: node.typeName)
    }
    guard node.start.offset >= 0, node.end.offset >= node.start.offset else {
      throw .notFromSource(path)
    }
    let wasString = ScalarResolver.resolve(old, style: style, tag: node.tag).isString
    return ByteEdit(
      range: node.start.offset..<node.end.offset,
      replacement: Array(render(newValue, style: style, wasString: wasString).utf8))
  }

  /// Removes the block-mapping entry at `path`: its whole lines, from the key's line to the
  /// end of the value's last line (a trailing comment on those lines goes with it). Entries of
  /// flow mappings (`{a: 1}`) are refused with `.notFromSource`.
  package static func removeEntry(at path: KeyPath, in source: [UInt8], root: YAMLNode)
    throws(Failure) -> ByteEdit
  {
    let pair = try entry(at: path, root: root)
    var start = pair.key.start.offset
    while start > 0, source[start - 1] == UInt8(ascii: " ") { start -= 1 }
    guard start == 0 || source[start - 1] == UInt8(ascii: "\n") else { throw .notFromSource(path) }
    var end = max(pair.value.end.offset, pair.key.end.offset)
    if end > 0, end <= source.count, source[end - 1] == UInt8(ascii: "\n") {
      // A block value ends at the start of the next line already.
    } else {
      while end < source.count, source[end] != UInt8(ascii: "\n") { end += 1 }
      if end < source.count { end += 1 }
    }
    return ByteEdit(range: start..<end, replacement: [])
  }

  /// Applies edits computed against `source`; overlapping edits are an error (`nil`).
  package static func apply(_ edits: [ByteEdit], to source: [UInt8]) -> [UInt8]? {
    let sorted = edits.sorted { $0.range.lowerBound > $1.range.lowerBound }
    var out = source
    var limit = source.count
    for e in sorted {
      guard e.range.upperBound <= limit, e.range.lowerBound >= 0 else { return nil }
      out.replaceSubrange(e.range, with: e.replacement)
      limit = e.range.lowerBound
    }
    return out
  }

  private static func entry(at path: KeyPath, root: YAMLNode) throws(Failure) -> YAMLPair {
    guard case .key(let last)? = path.components.last,
      let parent = root.value(at: KeyPath(Array(path.components.dropLast()))),
      let pair = parent.mapping?.first(where: { $0.key.scalar == last })
    else { throw .notFound(path) }
    guard pair.key.start.offset >= 0, pair.key.end.offset >= pair.key.start.offset else {
      throw .notFromSource(path)
    }
    return pair
  }
}
