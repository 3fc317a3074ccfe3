/// Writes node trees as block-style YAML, deterministically.
///
/// Entries are written in node order (models build nodes in their canonical key order).
/// Scalars keep a quoted or block style they were parsed with when that style can hold the
/// text; otherwise a plain scalar is written plain unless it would read back as something else
/// (a number, bool, null, or invalid plain text), in which case it is double-quoted.
/// Plain text is also written so that YAML 1.1 readers (PyYAML, which every upstream tool
/// reads with) read the value YAML 1.2 gives it (`plainSpelling`): a string such as `yes`,
/// `1:30` or `2024-01-01` is quoted, a number such as `0o17` or `1e-05` is respelled.
/// Comments are written where they were attached. Output always ends in one newline.
public enum YAMLEmitter {
  /// Emits one document.
  public static func emit(_ document: YAMLDocument) -> String {
    var out = Output()
    emitDocument(document.root, trailing: document.trailingComments, into: &out)
    return out.string
  }

  /// Emits a node as a whole document.
  public static func emit(_ node: YAMLNode) -> String {
    var out = Output()
    emitDocument(node, trailing: [], into: &out)
    return out.string
  }

  /// Emits several documents separated by `---`.
  public static func emitStream(_ documents: [YAMLDocument]) -> String {
    var out = Output()
    for (i, doc) in documents.enumerated() {
      if i > 0 || doc.explicitStart { out.append("---\n") }
      emitDocument(doc.root, trailing: doc.trailingComments, into: &out)
    }
    return out.string
  }

  private static func emitDocument(_ node: YAMLNode, trailing: [String], into out: inout Output) {
    switch node.kind {
    case .mapping(let pairs, _) where !pairs.isEmpty:
      writeComments(node.comments.before, indent: 0, into: &out)
      emitMappingBody(pairs, indent: 0, into: &out)
    case .sequence(let items, _) where !items.isEmpty:
      writeComments(node.comments.before, indent: 0, into: &out)
      emitSequenceBody(items, indent: 0, into: &out)
    default:
      let comments = node.comments
      writeComments(comments.before, indent: 0, into: &out)
      let mark = out.count
      inline(node, indent: 0, into: &out)
      // A null root written as nothing would be no document at all.
      if out.count == mark { out.append("null") }
      if let t = comments.trailing { out.trailingComment(t) }
      out.append(byte: UInt8(ascii: "\n"))
    }
    writeComments(trailing, indent: 0, into: &out)
  }

  // MARK: - Block collections

  /// The entries of a block mapping; with `firstBare`, the comments before the first entry are
  /// left out (its dash line has them).
  private static func emitMappingBody(
    _ pairs: [YAMLPair], indent: Int, firstBare: Bool = false, into out: inout Output
  ) {
    for (i, pair) in pairs.enumerated() {
      let keyComments = pair.key.comments
      if !(firstBare && i == 0) {
        writeComments(keyComments.before, indent: indent, into: &out)
        writeComments(pair.value.comments.before, indent: indent, into: &out)
      }
      out.spaces(indent)
      keyText(pair.key, into: &out)
      out.append(byte: UInt8(ascii: ":"))
      emitValue(pair.value, keyTrailing: keyComments.trailing, indent: indent, into: &out)
    }
  }

  private static func emitSequenceBody(_ items: [YAMLNode], indent: Int, into out: inout Output) {
    for item in items {
      switch item.kind {
      case .mapping(let pairs, .block) where !pairs.isEmpty:
        // "- key: value" with the remaining keys aligned under the first.
        writeComments(item.comments.before, indent: indent, into: &out)
        writeComments(pairs[0].key.comments.before, indent: indent, into: &out)
        writeComments(pairs[0].value.comments.before, indent: indent, into: &out)
        let mark = out.count
        emitMappingBody(pairs, indent: indent + 2, firstBare: true, into: &out)
        dashFirstLine(at: mark, indent: indent, into: &out)
      case .sequence(let inner, .block) where !inner.isEmpty:
        let comments = item.comments
        writeComments(comments.before, indent: indent, into: &out)
        out.spaces(indent)
        out.append(byte: UInt8(ascii: "-"))
        if let t = comments.trailing { out.trailingComment(t) }
        out.append(byte: UInt8(ascii: "\n"))
        emitSequenceBody(inner, indent: indent + 2, into: &out)
      default:
        let comments = item.comments
        writeComments(comments.before, indent: indent, into: &out)
        out.spaces(indent)
        out.append(byte: UInt8(ascii: "-"))
        inlineAfterSpace(item, comment: comments.trailing, indent: indent + 2, into: &out)
      }
    }
  }

  /// Turns the first line of a mapping body written at `mark` (`indent + 2` spaces, then the
  /// first key) into its dash line: `indent` spaces, `- `, the key.
  private static func dashFirstLine(at mark: Int, indent: Int, into out: inout Output) {
    let keyStart = mark + indent + 2
    if keyStart < out.count, out.bytes[keyStart] >= 0x80 {
      // The body's first characters are dropped as characters: a key that starts with a
      // combining scalar makes one character with the space before it.
      let body = String(decoding: out.bytes[mark...], as: UTF8.self)
      out.bytes.removeSubrange(mark...)
      out.spaces(indent)
      out.append("- ")
      out.append(body.dropFirst(indent + 2))
      return
    }
    out.bytes[mark + indent] = UInt8(ascii: "-")
  }

  private static func emitValue(
    _ value: YAMLNode, keyTrailing: String?, indent: Int, into out: inout Output
  ) {
    switch value.kind {
    case .mapping(let pairs, .block) where !pairs.isEmpty:
      tagPrefix(value, trailingSpace: false, into: &out)
      if let t = keyTrailing ?? value.comments.trailing { out.trailingComment(t) }
      out.append(byte: UInt8(ascii: "\n"))
      emitMappingBody(pairs, indent: indent + 2, into: &out)
    case .sequence(let items, .block) where !items.isEmpty:
      tagPrefix(value, trailingSpace: false, into: &out)
      if let t = keyTrailing ?? value.comments.trailing { out.trailingComment(t) }
      out.append(byte: UInt8(ascii: "\n"))
      emitSequenceBody(items, indent: indent + 2, into: &out)
    default:
      inlineAfterSpace(
        value, comment: value.comments.trailing ?? keyTrailing, indent: indent + 2, into: &out)
    }
  }

  /// ` value  #comment` and a newline after a key or dash; nothing but the comment when the
  /// value is written as nothing. A block scalar gets the comment on its header line, never
  /// into its content.
  private static func inlineAfterSpace(
    _ node: YAMLNode, comment: String?, indent: Int, into out: inout Output
  ) {
    let mark = out.count
    out.append(byte: UInt8(ascii: " "))
    inline(node, indent: indent, into: &out)
    if out.count == mark + 1 {
      out.bytes.removeLast()
    } else if let comment, let newline = firstLineBreak(out.bytes, from: mark + 1) {
      var c = Output()
      c.trailingComment(comment)
      out.bytes.insert(contentsOf: c.bytes, at: newline)
      out.append(byte: UInt8(ascii: "\n"))
      return
    }
    if let comment { out.trailingComment(comment) }
    out.append(byte: UInt8(ascii: "\n"))
  }

  /// The index of the first `\n` that is a character of its own (not the end of a `\r\n`).
  private static func firstLineBreak(_ bytes: [UInt8], from start: Int) -> Int? {
    var i = start
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "\n"), i == start || bytes[i - 1] != UInt8(ascii: "\r") {
        return i
      }
      i += 1
    }
    return nil
  }

  private static func writeComments(_ comments: [String], indent: Int, into out: inout Output) {
    for c in comments {
      out.spaces(indent)
      out.append(byte: UInt8(ascii: "#"))
      out.append(c)
      out.append(byte: UInt8(ascii: "\n"))
    }
  }
}
