extension YAMLNode {
  /// The node as compact JSON text (mapping order kept; scalars by their resolved type;
  /// non-finite floats as strings). Used for JSON-valued engine flags.
  public var jsonText: String {
    var out = ""
    writeJSON(into: &out)
    return out
  }

  private func writeJSON(into out: inout String) {
    switch kind {
    case .scalar:
      switch resolved ?? .null {
      case .null: out += "null"
      case .bool(let b): out += b ? "true" : "false"
      case .int(let i): out += String(i)
      case .float(let d): out += d.isFinite ? String(d) : JSONText.quote(ScalarResolver.spell(d))
      case .string(let s): out += JSONText.quote(s)
      }
    case .mapping(let pairs, _):
      out += "{"
      for (i, p) in pairs.enumerated() {
        if i > 0 { out += "," }
        out += JSONText.quote(p.key.scalar ?? "")
        out += ":"
        p.value.writeJSON(into: &out)
      }
      out += "}"
    case .sequence(let items, _):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.writeJSON(into: &out)
      }
      out += "]"
    }
  }
}

/// JSON string quoting without Foundation.
package enum JSONText {
  package static func quote(_ s: String) -> String {
    // Fast path: nothing to escape (the common case).
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    ) {
      return "\"" + s + "\""
    }
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}
