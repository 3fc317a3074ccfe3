/// Writes node trees as block-style YAML, deterministically.
///
/// Entries are written in node order (models build nodes in their canonical key order).
/// Scalars keep a quoted or block style they were parsed with when that style can hold the
/// text; otherwise a plain scalar is written plain unless it would read back as something else
/// (a number, bool, null, or invalid plain text), in which case it is double-quoted.
/// Comments are written where they were attached. Output always ends in one newline.
public enum YAMLEmitter {
  /// Emits one document.
  public static func emit(_ document: YAMLDocument) -> String {
    var out = ""
    emitDocument(document.root, trailing: document.trailingComments, into: &out)
    return out
  }

  /// Emits a node as a whole document.
  public static func emit(_ node: YAMLNode) -> String {
    var out = ""
    emitDocument(node, trailing: [], into: &out)
    return out
  }

  /// Emits several documents separated by `---`.
  public static func emitStream(_ documents: [YAMLDocument]) -> String {
    var out = ""
    for (i, doc) in documents.enumerated() {
      if i > 0 || doc.explicitStart { out += "---\n" }
      emitDocument(doc.root, trailing: doc.trailingComments, into: &out)
    }
    return out
  }

  private static func emitDocument(_ node: YAMLNode, trailing: [String], into out: inout String) {
    switch node.kind {
    case .mapping(let pairs, _) where !pairs.isEmpty:
      writeComments(node.comments.before, indent: 0, into: &out)
      emitMappingBody(pairs, indent: 0, into: &out)
    case .sequence(let items, _) where !items.isEmpty:
      writeComments(node.comments.before, indent: 0, into: &out)
      emitSequenceBody(items, indent: 0, into: &out)
    default:
      writeComments(node.comments.before, indent: 0, into: &out)
      let text = inline(node, indent: 0)
      // A null root written as nothing would be no document at all.
      out += text.isEmpty ? "null" : text
      if let t = node.comments.trailing { out += "  #" + t }
      out += "\n"
    }
    writeComments(trailing, indent: 0, into: &out)
  }

  // MARK: - Block collections

  private static func emitMappingBody(_ pairs: [YAMLPair], indent: Int, into out: inout String) {
    let pad = String(repeating: " ", count: indent)
    for pair in pairs {
      writeComments(pair.key.comments.before, indent: indent, into: &out)
      writeComments(pair.value.comments.before, indent: indent, into: &out)
      out += pad
      out += keyText(pair.key)
      out += ":"
      emitValue(pair.value, keyTrailing: pair.key.comments.trailing, indent: indent, into: &out)
    }
  }

  private static func emitSequenceBody(_ items: [YAMLNode], indent: Int, into out: inout String) {
    let pad = String(repeating: " ", count: indent)
    for item in items {
      switch item.kind {
      case .mapping(let pairs, .block) where !pairs.isEmpty:
        // "- key: value" with the remaining keys aligned under the first.
        writeComments(item.comments.before, indent: indent, into: &out)
        writeComments(pairs[0].key.comments.before, indent: indent, into: &out)
        writeComments(pairs[0].value.comments.before, indent: indent, into: &out)
        var first = pairs[0]
        first.key.comments.before = []
        first.value.comments.before = []
        var body = ""
        emitMappingBody([first] + pairs.dropFirst(), indent: indent + 2, into: &body)
        out += pad + "- " + body.dropFirst(indent + 2)
      case .sequence(let inner, .block) where !inner.isEmpty:
        writeComments(item.comments.before, indent: indent, into: &out)
        out += pad + "-"
        if let t = item.comments.trailing { out += "  #" + t }
        out += "\n"
        emitSequenceBody(inner, indent: indent + 2, into: &out)
      default:
        writeComments(item.comments.before, indent: indent, into: &out)
        out += pad + "-"
        let text = inline(item, indent: indent + 2)
        let comment = item.comments.trailing.map { "  #" + $0 } ?? ""
        if text.utf8.contains(UInt8(ascii: "\n")), let newline = text.firstIndex(of: "\n") {
          out += " " + text[..<newline] + comment + text[newline...] + "\n"
          continue
        }
        if !text.isEmpty { out += " " + text }
        out += comment + "\n"
      }
    }
  }

  private static func emitValue(
    _ value: YAMLNode, keyTrailing: String?, indent: Int, into out: inout String
  ) {
    switch value.kind {
    case .mapping(let pairs, .block) where !pairs.isEmpty:
      out += tagPrefix(value, trailingSpace: false)
      if let t = keyTrailing ?? value.comments.trailing { out += "  #" + t }
      out += "\n"
      emitMappingBody(pairs, indent: indent + 2, into: &out)
    case .sequence(let items, .block) where !items.isEmpty:
      out += tagPrefix(value, trailingSpace: false)
      if let t = keyTrailing ?? value.comments.trailing { out += "  #" + t }
      out += "\n"
      emitSequenceBody(items, indent: indent + 2, into: &out)
    default:
      let text = inline(value, indent: indent + 2)
      let comment = (value.comments.trailing ?? keyTrailing).map { "  #" + $0 } ?? ""
      if text.utf8.contains(UInt8(ascii: "\n")), let newline = text.firstIndex(of: "\n") {
        // A block scalar: the comment goes on its header line, never into its content.
        out += " " + text[..<newline] + comment + text[newline...] + "\n"
        return
      }
      if !text.isEmpty { out += " " + text }
      out += comment + "\n"
    }
  }

  private static func writeComments(_ comments: [String], indent: Int, into out: inout String) {
    guard !comments.isEmpty else { return }
    let pad = String(repeating: " ", count: indent)
    for c in comments { out += pad + "#" + c + "\n" }
  }

  // MARK: - Inline values

  private static func tagPrefix(_ node: YAMLNode, trailingSpace: Bool = true) -> String {
    guard let tag = node.tag else { return "" }
    let short =
      tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
    return trailingSpace ? short + " " : " " + short
  }

  /// A mapping key, with its tag (`! 1` is the string "1", not the integer).
  private static func keyText(_ key: YAMLNode) -> String {
    guard case .scalar(let text, let style) = key.kind else { return inline(key, indent: 0) }
    return tagPrefix(key) + scalarKeyText(text, style: style, tag: key.tag)
  }

  private static func scalarKeyText(_ text: String, style: ScalarStyle, tag: String?) -> String {
    if style == .plain, text.isEmpty {
      // An empty plain key is null (unless a tag makes it a string); `""` reads as a string.
      return ScalarResolver.resolve(text, style: .plain, tag: tag).isString ? "\"\"" : "null"
    }
    if style == .plain, isSafePlain(text, inFlow: false) { return text }
    if style == .literal || style == .folded, isSafePlain(text, inFlow: false),
      case .string = ScalarResolver.resolvePlain(text)
    {
      return text
    }
    if style == .singleQuoted, canSingleQuote(text) { return singleQuoted(text) }
    return doubleQuoted(text)
  }

  /// A value written on the line of its key or dash (scalars and flow collections).
  static func inline(_ node: YAMLNode, indent: Int, inFlow: Bool = false) -> String {
    let prefix = tagPrefix(node)
    switch node.kind {
    case .scalar(let text, let style):
      return prefix + scalarText(text, style: style, tag: node.tag, indent: indent, inFlow: inFlow)
    case .mapping(let pairs, _):
      let body = pairs.map {
        "\(keyText($0.key)): \(inline($0.value, indent: indent, inFlow: true))"
      }.joined(separator: ", ")
      return prefix + "{" + body + "}"
    case .sequence(let items, _):
      return prefix + "[" + items.map { inline($0, indent: indent, inFlow: true) }.joined(separator: ", ") + "]"
    }
  }

  private static func scalarText(
    _ text: String, style: ScalarStyle, tag: String?, indent: Int, inFlow: Bool
  ) -> String {
    switch style {
    case .plain:
      // Plain text is written as spelled when it reads back the same (whatever it resolves
      // to; the empty scalar is null). In a flow collection nothing is no node (`[a, , b]`
      // does not parse), so the empty scalar is spelled as a key would be.
      if text.isEmpty { return inFlow ? scalarKeyText(text, style: style, tag: tag) : text }
      if isSafePlain(text, inFlow: inFlow) { return text }
      return doubleQuoted(text)
    case .singleQuoted:
      return canSingleQuote(text) ? singleQuoted(text) : doubleQuoted(text)
    case .doubleQuoted:
      return doubleQuoted(text)
    case .literal, .folded:
      if !inFlow, let block = literalBlock(text, indent: indent) { return block }
      if isSafePlain(text, inFlow: inFlow), ScalarResolver.resolvePlain(text).isString { return text }
      return doubleQuoted(text)
    }
  }

  // MARK: - Quoting rules

  /// Whether text can be written as a plain scalar and read back as the same characters.
  static func isSafePlain(_ text: String, inFlow: Bool) -> Bool {
    let u = text.utf8
    guard let first = u.first, let last = u.last else { return false }
    if first == 0x20 || last == 0x20 || first == 0x09 || last == 0x09 { return false }
    switch first {
    case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
      let second = u.dropFirst().first
      if second == nil || second == 0x20 { return false }
    case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
      UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
      UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
      UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
      return false
    default: break
    }
    if text == "---" || text == "..." || text.hasPrefix("--- ") || text.hasPrefix("... ") {
      return false
    }
    var prev: UInt8 = 0
    var ascii = true
    for c in u {
      if c < 0x20 || c == 0x7F { return false }
      if c >= 0x80 { ascii = false }
      if c == UInt8(ascii: "#"), prev == 0x20 { return false }
      if prev == UInt8(ascii: ":"), c == 0x20 { return false }
      if inFlow {
        switch c {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
          UInt8(ascii: "}"):
          return false
        default: break
        }
      }
      prev = c
    }
    if last == UInt8(ascii: ":") { return false }
    // U+0085, U+2028, U+2029 are line breaks to YAML.
    if !ascii, text.unicodeScalars.contains(where: { $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{FEFF}" }) {
      return false
    }
    return true
  }

  private static func canSingleQuote(_ text: String) -> Bool {
    !text.utf8.contains { $0 < 0x20 || $0 == 0x7F }
  }

  private static func singleQuoted(_ text: String) -> String {
    "'" + text.replacingAll("'", with: "''") + "'"
  }

  static func doubleQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case "\0": out += "\\0"
      case "\u{85}": out += "\\N"
      case "\u{2028}": out += "\\L"
      case "\u{2029}": out += "\\P"
      case "\u{FEFF}": out += "\\uFEFF"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "\\x" + hex2(UInt8(scalar.value))
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  private static func hex2(_ v: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(v >> 4)], digits[Int(v & 0xF)]])
  }

  /// A literal block (`|`, `|-`, `|+`) for multi-line text, or nil when the text cannot be one.
  private static func literalBlock(_ text: String, indent: Int) -> String? {
    guard text.contains("\n") else { return nil }
    for s in text.unicodeScalars {
      if s == "\r" || (s.value < 0x20 && s != "\n" && s != "\t") || s.value == 0x7F { return nil }
      if s == "\u{85}" || s == "\u{2028}" || s == "\u{2029}" || s == "\u{FEFF}" { return nil }
    }
    var body = Substring(text)
    var chomp = "-"
    if body.hasSuffix("\n") {
      body = body.dropLast()
      chomp = ""
      if body.hasSuffix("\n") || body.isEmpty { chomp = "+" }
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    // The first non-empty line fixes the indentation; it must not start with a space.
    if let firstContent = lines.first(where: { !$0.isEmpty }), firstContent.first == " " || firstContent.first == "\t" {
      return nil
    }
    if chomp == "+" {
      body = Substring(text.dropLast())
    }
    let pad = String(repeating: " ", count: max(indent, 2))
    var out = "|" + chomp
    for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
      out += "\n"
      if !line.isEmpty { out += pad + line }
    }
    return out
  }
}

extension ResolvedScalar {
  var isString: Bool {
    if case .string = self { return true }
    return false
  }
}

extension String {
  /// Replaces every occurrence of `target` (no Foundation).
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty, contains(target) else { return self }
    var out = ""
    var rest = self[...]
    while let r = rest.firstRange(of: target) {
      out += rest[..<r.lowerBound]
      out += replacement
      rest = rest[r.upperBound...]
    }
    out += rest
    return out
  }
}
