/// Resolves scalar text to typed values under the YAML 1.2 core schema, on UTF-8 bytes.
package enum ScalarResolver {
  /// Resolves a scalar as written in the given style, honouring an explicit core tag.
  package static func resolve(_ text: String, style: ScalarStyle, tag: String?) -> ResolvedScalar {
    if let tag {
      switch tag {
      case "tag:yaml.org,2002:str", "!": return .string(text)
      case "tag:yaml.org,2002:int":
        if case .int(let i) = resolvePlain(text) { return .int(i) }
      case "tag:yaml.org,2002:float":
        switch resolvePlain(text) {
        case .int(let i): return .float(Double(i))
        case .float(let d): return .float(d)
        default: break
        }
      case "tag:yaml.org,2002:bool":
        if case .bool(let b) = resolvePlain(text) { return .bool(b) }
      case "tag:yaml.org,2002:null":
        return .null
      default:
        break
      }
    }
    return style == .plain ? resolvePlain(text) : .string(text)
  }

  /// Resolves the text of a plain scalar.
  ///
  /// Integers that do not fit in 64 bits resolve as floats (their decimal value, rounded).
  package static func resolvePlain(_ text: String) -> ResolvedScalar {
    var bytes = text
    return bytes.withUTF8 { resolve(bytes: $0, text: text) }
  }

  /// Whether plain text resolves to a string (what `resolvePlain(text)` tells, without
  /// building the value).
  package static func isPlainString(_ text: String) -> Bool {
    guard let c0 = text.utf8.first else { return false }
    if !mayBeNonString(c0) { return true }
    if case .string = resolvePlain(text) { return true }
    return false
  }

  /// Whether plain text starting with this byte can resolve to something else than a string.
  @inline(__always) private static func mayBeNonString(_ c0: UInt8) -> Bool {
    switch c0 {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
      UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"),
      UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
      return true
    default:
      return false
    }
  }

  private static func resolve(bytes b: UnsafeBufferPointer<UInt8>, text: String) -> ResolvedScalar {
    let n = b.count
    if n == 0 { return .null }
    let c0 = b[0]
    // Fast path: anything that does not start like a number or keyword is a string.
    if !mayBeNonString(c0) { return .string(text) }
    // Keywords are 1 to 5 bytes long and none starts with a digit.
    if n <= 5, !isDigit(c0) {
      switch text {
      case "~", "null", "Null", "NULL": return .null
      case "true", "True", "TRUE": return .bool(true)
      case "false", "False", "FALSE": return .bool(false)
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
      case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
      case ".nan", ".NaN", ".NAN": return .float(.nan)
      default: break
      }
    }
    if n > 2, c0 == UInt8(ascii: "0") {
      if b[1] == UInt8(ascii: "o"), let v = Int(text.dropFirst(2), radix: 8) { return .int(v) }
      if b[1] == UInt8(ascii: "x"), let v = Int(text.dropFirst(2), radix: 16) { return .int(v) }
    }
    // [-+]? digits
    var i = 0
    if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
    let digitsStart = i
    while i < n, isDigit(b[i]) { i += 1 }
    let intDigits = i - digitsStart
    if i == n {
      guard intDigits > 0 else { return .string(text) }
      if let v = Int(text) { return .int(v) }
      if let d = Double(text) { return .float(d) }
      return .string(text)
    }
    // Float: (\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    var fracDigits = 0
    if b[i] == UInt8(ascii: ".") {
      i += 1
      let f = i
      while i < n, isDigit(b[i]) { i += 1 }
      fracDigits = i - f
    }
    guard intDigits + fracDigits > 0 else { return .string(text) }
    if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
      i += 1
      if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
      let e = i
      while i < n, isDigit(b[i]) { i += 1 }
      guard i > e else { return .string(text) }
    }
    guard i == n, let d = Double(text) else { return .string(text) }
    return .float(d)
  }

  @inline(__always) private static func isDigit(_ c: UInt8) -> Bool {
    c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
  }

  /// Spells a double so that it reads back as the same float (never as an integer).
  package static func spell(_ value: Double) -> String {
    if value.isNaN { return ".nan" }
    if value.isInfinite { return value > 0 ? ".inf" : "-.inf" }
    let s = value.description
    if case .float = resolvePlain(s) { return s }
    return s + ".0"
  }
}
