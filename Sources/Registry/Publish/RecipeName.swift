import Foundation
/// Rules for recipe names: a name becomes a file name, so it must be a safe path component.
public enum RecipeName {
  /// Why `name` cannot be a recipe name, or nil when it can: no empty name, no `.`/`..`,
  /// no `/` or `\`, no control characters, no leading `-` or `@` (they read as options and
  /// scopes), at most 200 bytes.
  public static func problem(with name: String) -> String? {
    if name.isEmpty { return "the name is empty" }
    if name == "." || name == ".." || name.contains("..") { return "the name contains '..'" }
    if name.contains("/") || name.contains("\\") { return "the name contains a path separator" }
    if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) {
      return "the name contains a control character"
    }
    if name.hasPrefix("-") || name.hasPrefix("@") || name.hasPrefix(".") {
      return "the name starts with '\(name.first!)'"
    }
    if name.contains("@") { return "the name contains '@' (it separates NAME@REV)" }
    if name.utf8.count > 200 { return "the name is longer than 200 bytes" }
    return nil
  }

  /// A lower-cased path component for a model or engine: `/` and unsafe characters become `-`.
  public static func component(_ text: String) -> String {
    var out = ""
    for ch in text.lowercased().unicodeScalars {
      if ch.properties.isAlphabetic || ("0"..."9").contains(ch) || ch == "." || ch == "_" || ch == "-" {
        out.unicodeScalars.append(ch)
      } else {
        out += "-"
      }
    }
    while out.contains("..") { out = out.replacingOccurrences(of: "..", with: ".") }
    while out.hasPrefix(".") || out.hasPrefix("-") { out.removeFirst() }
    return out.isEmpty ? "unknown" : out
  }

  /// Where a published recipe lives: `<root>/<org>/<model>/<engine>/<name>.yaml`, from the
  /// model path (lower-cased; a path without an org gets `_`) and the engine.
  public static func path(root: String, model: String?, engine: String?, name: String) -> String {
    let parts = (model ?? "unknown").split(separator: "/").map(String.init)
    let org = parts.count >= 2 ? component(parts[parts.count - 2]) : "_"
    let model = component(parts.last ?? "unknown")
    let prefix = root.isEmpty ? "" : root + "/"
    return "\(prefix)\(org)/\(model)/\(component(engine ?? "unknown"))/\(name).yaml"
  }
}
