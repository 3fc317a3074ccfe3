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

  /// The UTF-8 bytes of the text being written (one buffer for a whole stream).
  struct Output {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(2048) }

    var count: Int { bytes.count }
    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ s: String) {
      var s = s
      s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ s: Substring) { bytes.append(contentsOf: s.utf8) }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    mutating func spaces(_ n: Int) {
      if n > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n)) }
    }

    /// `  #comment`.
    mutating func trailingComment(_ c: String) {
      bytes.append(UInt8(ascii: " "))
      bytes.append(UInt8(ascii: " "))
      bytes.append(UInt8(ascii: "#"))
      append(c)
    }
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

  // MARK: - Inline values

  private static func tagPrefix(
    _ node: YAMLNode, trailingSpace: Bool = true, into out: inout Output
  ) {
    guard let tag = node.tag else { return }
    if !trailingSpace { out.append(byte: UInt8(ascii: " ")) }
    if tag.hasPrefix("tag:yaml.org,2002:") {
      out.append("!!")
      out.append(tag.dropFirst("tag:yaml.org,2002:".count))
    } else {
      out.append(tag)
    }
    if trailingSpace { out.append(byte: UInt8(ascii: " ")) }
  }

  /// A mapping key, with its tag (`! 1` is the string "1", not the integer); in a flow mapping
  /// (`inFlow`), `,[]{}` end a plain key, so a key holding them is quoted.
  private static func keyText(_ key: YAMLNode, inFlow: Bool = false, into out: inout Output) {
    guard case .scalar(let text, let style) = key.kind else {
      return inline(key, indent: 0, inFlow: inFlow, into: &out)
    }
    if key.tag == "!", !YAML11Resolver.readsAlike(text) {
      // PyYAML resolves a `!` scalar as if plain, even quoted: a quoted string says the same.
      return doubleQuoted(text, into: &out)
    }
    let tag = key.tag
    tagPrefix(key, into: &out)
    scalarKeyText(text, style: style, tag: tag, inFlow: inFlow, isKey: true, into: &out)
  }

  private static func scalarKeyText(
    _ text: String, style: ScalarStyle, tag: String?, inFlow: Bool, isKey: Bool = false,
    into out: inout Output
  ) {
    if style == .plain, text.isEmpty {
      // An empty plain key is null (unless a tag makes it a string); `""` reads as a string.
      out.append(ScalarResolver.resolve(text, style: .plain, tag: tag).isString ? "\"\"" : "null")
      return
    }
    if style == .plain, isSafePlain(text, inFlow: inFlow) {
      if tag != nil || (isKey && text == "<<") { return out.append(text) }
      if let spelled = plainSpelling(text) { return out.append(spelled) }
    }
    if style == .literal || style == .folded, isSafePlain(text, inFlow: inFlow),
      case .string = ScalarResolver.resolvePlain(text), YAML11Resolver.readsAlike(text)
    {
      return out.append(text)
    }
    if style == .singleQuoted, canSingleQuote(text) { return singleQuoted(text, into: &out) }
    doubleQuoted(text, into: &out)
  }

  /// A value written on the line of its key or dash (scalars and flow collections).
  static func inline(_ node: YAMLNode, indent: Int, inFlow: Bool = false) -> String {
    var out = Output()
    inline(node, indent: indent, inFlow: inFlow, into: &out)
    return out.string
  }

  private static func inline(
    _ node: YAMLNode, indent: Int, inFlow: Bool = false, into out: inout Output
  ) {
    switch node.kind {
    case .scalar(let text, let style):
      if node.tag == "!", !YAML11Resolver.readsAlike(text) {
        // PyYAML resolves a `!` scalar as if plain, even quoted: a quoted string says the same.
        return doubleQuoted(text, into: &out)
      }
      let tag = node.tag
      tagPrefix(node, into: &out)
      scalarText(text, style: style, tag: tag, indent: indent, inFlow: inFlow, into: &out)
    case .mapping(let pairs, _):
      tagPrefix(node, into: &out)
      out.append(byte: UInt8(ascii: "{"))
      for (i, pair) in pairs.enumerated() {
        if i > 0 { out.append(", ") }
        keyText(pair.key, inFlow: true, into: &out)
        out.append(": ")
        inline(pair.value, indent: indent, inFlow: true, into: &out)
      }
      out.append(byte: UInt8(ascii: "}"))
    case .sequence(let items, _):
      tagPrefix(node, into: &out)
      out.append(byte: UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(", ") }
        inline(item, indent: indent, inFlow: true, into: &out)
      }
      out.append(byte: UInt8(ascii: "]"))
    }
  }

  private static func scalarText(
    _ text: String, style: ScalarStyle, tag: String?, indent: Int, inFlow: Bool,
    into out: inout Output
  ) {
    switch style {
    case .plain:
      // Plain text is written as spelled when it reads back the same (whatever it resolves
      // to; the empty scalar is null). In a flow collection nothing is no node (`[a, , b]`
      // does not parse), so the empty scalar is spelled as a key would be.
      if text.isEmpty {
        if inFlow { scalarKeyText(text, style: style, tag: tag, inFlow: true, into: &out) }
        return
      }
      if isSafePlain(text, inFlow: inFlow) {
        if tag != nil { return out.append(text) }
        if let spelled = plainSpelling(text) { return out.append(spelled) }
      }
      doubleQuoted(text, into: &out)
    case .singleQuoted:
      if canSingleQuote(text) {
        singleQuoted(text, into: &out)
      } else {
        doubleQuoted(text, into: &out)
      }
    case .doubleQuoted:
      doubleQuoted(text, into: &out)
    case .literal, .folded:
      if !inFlow, let block = literalBlock(text, indent: indent) { return out.append(block) }
      if isSafePlain(text, inFlow: inFlow), ScalarResolver.resolvePlain(text).isString,
        YAML11Resolver.readsAlike(text)
      {
        return out.append(text)
      }
      doubleQuoted(text, into: &out)
    }
  }

  // MARK: - Quoting rules

  /// How plain text (already safe as plain) is written so that a YAML 1.1 reader reads the
  /// value the YAML 1.2 core schema gives it: the text itself when both read it alike; a
  /// number respelled (`0o17` as `15`, `017` as `17`, `1e-05` as `1.0e-05`, `+.5` as `0.5`);
  /// nil for a string that YAML 1.1 reads as something else (`yes`, `off`, `1_000`, `1:30`,
  /// `2024-01-01`, `=`, `<<`), which must be quoted.
  static func plainSpelling(_ text: String) -> String? {
    if YAML11Resolver.readsAlike(text) { return text }
    switch ScalarResolver.resolvePlain(text) {
    case .string: return nil
    case .int(let i): return String(i)
    case .float(let d): return spellForBoth(d)
    case .null, .bool: return text  // both schemas spell these alike
    }
  }

  /// A float spelled so that YAML 1.2 and 1.1 read it alike: 1.1 wants a `.` in the mantissa
  /// and a sign in the exponent (`1e-05` is a string to PyYAML, `1.0e-05` a float).
  static func spellForBoth(_ value: Double) -> String {
    let s = ScalarResolver.spell(value)
    guard let e = s.utf8.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
    else { return s }
    var mantissa = String(s[..<e])
    var exponent = String(s[s.index(after: e)...])
    if !mantissa.utf8.contains(UInt8(ascii: ".")) { mantissa += ".0" }
    if let f = exponent.utf8.first, f != UInt8(ascii: "-"), f != UInt8(ascii: "+") {
      exponent = "+" + exponent
    }
    return mantissa + "e" + exponent
  }

  /// Whether text can be written as a plain scalar and read back as the same characters.
  static func isSafePlain(_ text: String, inFlow: Bool) -> Bool {
    var bytes = text
    return bytes.withUTF8 { isSafePlain($0, text, inFlow: inFlow) }
  }

  private static func isSafePlain(_ u: UnsafeBufferPointer<UInt8>, _ text: String, inFlow: Bool)
    -> Bool
  {
    guard let first = u.first, let last = u.last else { return false }
    if first == 0x20 || last == 0x20 || first == 0x09 || last == 0x09 { return false }
    switch first {
    case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
      if u.count == 1 || u[1] == 0x20 { return false }
    case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
      UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
      UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
      UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
      return false
    default: break
    }
    if first == UInt8(ascii: "-") || first == UInt8(ascii: "."),
      text == "---" || text == "..." || text.hasPrefix("--- ") || text.hasPrefix("... ")
    {
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
    if !ascii,
      text.unicodeScalars.contains(where: {
        $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{FEFF}"
      })
    {
      return false
    }
    return true
  }

  private static func canSingleQuote(_ text: String) -> Bool {
    !text.utf8.contains { $0 < 0x20 || $0 == 0x7F }
  }

  private static func singleQuoted(_ text: String, into out: inout Output) {
    if text.utf8.contains(where: { $0 >= 0x80 }) {
      // Quotes are doubled as characters: one with a combining mark after it stays single.
      return out.append("'" + text.replacingAll("'", with: "''") + "'")
    }
    out.append(byte: UInt8(ascii: "'"))
    for b in text.utf8 {
      out.append(byte: b)
      if b == UInt8(ascii: "'") { out.append(byte: b) }
    }
    out.append(byte: UInt8(ascii: "'"))
  }

  static func doubleQuoted(_ text: String) -> String {
    var out = Output()
    doubleQuoted(text, into: &out)
    return out.string
  }

  private static func doubleQuoted(_ text: String, into out: inout Output) {
    out.append(byte: UInt8(ascii: "\""))
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out.append("\\\"")
      case "\\": out.append("\\\\")
      case "\n": out.append("\\n")
      case "\t": out.append("\\t")
      case "\r": out.append("\\r")
      case "\0": out.append("\\0")
      case "\u{85}": out.append("\\N")
      case "\u{2028}": out.append("\\L")
      case "\u{2029}": out.append("\\P")
      case "\u{FEFF}": out.append("\\uFEFF")
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out.append("\\x")
          out.append(byte: hexDigit(UInt8(scalar.value) >> 4))
          out.append(byte: hexDigit(UInt8(scalar.value) & 0xF))
        } else if scalar.isASCII {
          out.append(byte: UInt8(scalar.value))
        } else {
          out.bytes.append(contentsOf: UTF8.encode(scalar)!)
        }
      }
    }
    out.append(byte: UInt8(ascii: "\""))
  }

  private static func hexDigit(_ v: UInt8) -> UInt8 {
    v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "A") + v - 10
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
    if let firstContent = lines.first(where: { !$0.isEmpty }),
      firstContent.first == " " || firstContent.first == "\t"
    {
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
