/// Quoting rules: when text is written plain, single- or double-quoted, or as a literal
/// block, so that it reads back as the same value.
extension YAMLEmitter {
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

  static func canSingleQuote(_ text: String) -> Bool {
    !text.utf8.contains { $0 < 0x20 || $0 == 0x7F }
  }

  static func singleQuoted(_ text: String, into out: inout Output) {
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

  static func doubleQuoted(_ text: String, into out: inout Output) {
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
  static func literalBlock(_ text: String, indent: Int) -> String? {
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
