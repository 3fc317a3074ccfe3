/// The rules for a recipe name: it becomes a file name (`<name>.yaml`) in a registry tree, a
/// search key and part of rendered launch scripts, so it must be one safe path component.
///
/// A name is safe when it
/// - is not empty and at most ``maxBytes`` UTF-8 bytes;
/// - is not `.` or `..` and does not start with `.` (hidden files, `../x`) or `-` (read as an
///   option by command-line tools);
/// - contains no `/` or `\` (path separators on some system), and no control character
///   (U+0000–U+001F, U+007F–U+009F: NUL, newline, tab, escape sequences);
/// - has no leading or trailing whitespace.
///
/// Spaces and non-ASCII letters inside a name are allowed (foreign formats use display names
/// such as `OpenAI GPT-OSS 120B`); the registry layout convention is kebab-case ASCII.
public enum RecipeName {
  /// The longest accepted name, in UTF-8 bytes (file systems allow 255 per component).
  public static let maxBytes = 200

  /// Why a name is unsafe, as a message fragment; nil when the name is safe.
  public static func problem(_ name: String) -> String? {
    if name.isEmpty { return "the name is empty" }
    if name.utf8.count > maxBytes {
      return "the name is \(name.utf8.count) bytes long (at most \(maxBytes))"
    }
    for scalar in name.unicodeScalars {
      switch scalar.value {
      case 0x2F: return "the name contains '/'"
      case 0x5C: return "the name contains '\\'"
      case 0x40: return "the name contains '@' (it separates NAME@REV)"
      case 0x00...0x1F, 0x7F...0x9F:
        return "the name contains the control character U+\(hex(scalar.value))"
      default: continue
      }
    }
    if name == "." || name == ".." { return "'\(name)' is not a file name" }
    if containsDotDot(name) { return "the name contains '..'" }
    if name.hasPrefix(".") { return "the name starts with '.'" }
    if name.hasPrefix("-") { return "the name starts with '-'" }
    if let first = name.unicodeScalars.first, first.properties.isWhitespace {
      return "the name starts with whitespace"
    }
    if let last = name.unicodeScalars.last, last.properties.isWhitespace {
      return "the name ends with whitespace"
    }
    return nil
  }

  /// Whether `name` has two dots in a row (a byte scan: `String.contains` is slow here).
  private static func containsDotDot(_ name: String) -> Bool {
    var previousDot = false
    for byte in name.utf8 {
      let dot = byte == UInt8(ascii: ".")
      if dot, previousDot { return true }
      previousDot = dot
    }
    return false
  }

  /// True when `name` is a safe path component (see ``RecipeName``).
  public static func isSafe(_ name: String) -> Bool { problem(name) == nil }

  /// The hint given with an `unsafe-name` diagnostic.
  public static let hint =
    "use letters, digits, '-', '_' and '.', e.g. deepseek-r1-fp8-gb200-disagg"

  /// Reports an `unsafe-name` error at the name's node when `name` is not safe.
  ///
  /// - Returns: whether the name is safe.
  @discardableResult
  package static func check(
    _ name: String, at node: YAMLNode?, path: KeyPath, context: DecodeContext
  ) -> Bool {
    guard let problem = problem(name) else { return true }
    context.error(
      "unsafe-name", "recipe name \(debugQuoted(name)) is not a safe file name: \(problem)",
      at: node, path: path,
      hint: hint)
    return false
  }

  /// The name quoted with control characters escaped, so a diagnostic never carries them.
  public static func debugQuoted(_ name: String) -> String {
    var out = "'"
    for scalar in name.unicodeScalars.prefix(80) {
      switch scalar.value {
      case 0x00...0x1F, 0x7F...0x9F: out += "\\u{\(hex(scalar.value))}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + (name.unicodeScalars.count > 80 ? "…'" : "'")
  }

  private static func hex(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
  }
}
