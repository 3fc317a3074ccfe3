package import Schema

/// In-place edits of recipe text: one scalar changes (through ``ScalarEdit``) or one
/// `key: value` line is added to a block mapping; every other byte stays as it was.
package enum RecipeTextEdit {
  /// Sets the scalar at `path` to `value`. When the key is missing, a `key: value` line is
  /// added to the parent block mapping, after the pair `after` (else after its last pair).
  /// - Throws: ``PublishError/cannotEdit(_:)`` when the parent is not a block mapping or the
  ///   edit does not read back as `value`.
  package static func set(
    _ path: KeyPath, to value: String, in bytes: [UInt8], after sibling: String? = nil
  )
    throws(PublishError) -> [UInt8]
  {
    let root = try parse(bytes)
    var out: [UInt8]
    if root.value(at: path) != nil {
      do {
        out = try ScalarEdit.replace(at: path, with: value, in: bytes, root: root)
      } catch {
        throw .cannotEdit("cannot change \(path) in place: \(error)")
      }
    } else {
      guard let key = path.lastKey else { throw .cannotEdit("cannot add \(path): not a key") }
      let parentPath = KeyPath(Array(path.components.dropLast()))
      let line = key + ": " + ScalarEdit.render(value, style: .plain, wasString: true)
      out = try insert(line: line, into: parentPath, after: sibling, in: bytes, root: root)
    }
    let check = try parse(out)
    guard check.value(at: path)?.scalar == value else {
      throw .cannotEdit("changing \(path) in place did not read back as '\(value)'")
    }
    return out
  }

  /// Replaces the node at `path` (any kind) with `text` spelled in flow style.
  package static func replaceNode(at path: KeyPath, withFlow text: String, in bytes: [UInt8])
    throws(PublishError) -> [UInt8]
  {
    let root = try parse(bytes)
    guard let node = root.value(at: path), node.start.offset >= 0, node.end.offset <= bytes.count
    else {
      throw .cannotEdit("no value at \(path)")
    }
    var end = node.end.offset
    // A block collection ends at the start of the next line: keep that newline.
    if node.mapping != nil || node.sequence != nil, end > node.start.offset,
      bytes[end - 1] == UInt8(ascii: "\n")
    {
      end -= 1
    }
    return Array(bytes[..<node.start.offset]) + Array(text.utf8) + Array(bytes[end...])
  }

  /// Adds one line to a block mapping, indented like its keys.
  package static func insert(
    line: String, into parentPath: KeyPath, after sibling: String?, in bytes: [UInt8],
    root: YAMLNode
  )
    throws(PublishError) -> [UInt8]
  {
    guard let parent = root.value(at: parentPath),
      case .mapping(let pairs, let style) = parent.kind, style == .block,
      let anchor = pairs.first(where: { $0.key.scalar == sibling }) ?? pairs.last
    else {
      throw .cannotEdit(
        "cannot add a key under \(parentPath.isEmpty ? "the top level" : parentPath.description): not a block mapping"
      )
    }
    let keyStart = anchor.key.start.offset
    guard keyStart >= 0, anchor.value.end.offset >= 0 else {
      throw .cannotEdit("\(parentPath) has no source position")
    }
    var lineStart = keyStart
    while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
    let indent =
      bytes[lineStart..<keyStart].allSatisfy { $0 == UInt8(ascii: " ") } ? keyStart - lineStart : 0
    // Insert at the start of the line after the anchor's value.
    var at = max(anchor.value.end.offset, keyStart)
    if at > 0, at <= bytes.count, bytes[at - 1] == UInt8(ascii: "\n") {
      // A block value already ends at a line start.
    } else {
      while at < bytes.count, bytes[at] != UInt8(ascii: "\n") { at += 1 }
      if at < bytes.count { at += 1 }
    }
    var text =
      Array(repeating: UInt8(ascii: " "), count: indent) + Array(line.utf8) + [UInt8(ascii: "\n")]
    if at == bytes.count, at > 0, bytes[at - 1] != UInt8(ascii: "\n") {
      text.insert(UInt8(ascii: "\n"), at: 0)
    }
    return Array(bytes[..<at]) + text + Array(bytes[at...])
  }

  private static func parse(_ bytes: [UInt8]) throws(PublishError) -> YAMLNode {
    do {
      return try YAML.parse(bytes).root
    } catch {
      throw .cannotEdit("the recipe is not valid YAML: \(error)")
    }
  }
}
