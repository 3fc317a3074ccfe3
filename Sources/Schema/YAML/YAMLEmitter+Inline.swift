/// Inline values: keys, scalars and flow collections, written on the line of their key or
/// dash.
extension YAMLEmitter {
  static func tagPrefix(
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
  static func keyText(_ key: YAMLNode, inFlow: Bool = false, into out: inout Output) {
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

  static func inline(
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
}
