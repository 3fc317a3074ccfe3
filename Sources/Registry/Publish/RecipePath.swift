import Foundation

/// Where `publish` puts a recipe: `<root>/<org>/<model>/<engine>/<name>.yaml` (names are
/// checked by `RecipeName` in Schema).
package enum RecipePath {
  /// A safe, lower-case path component for an org, model or engine name.
  package static func component(_ text: String) -> String {
    var out = ""
    for ch in text.lowercased().unicodeScalars {
      if ch.properties.isAlphabetic || ("0"..."9").contains(ch) || ch == "." || ch == "_"
        || ch == "-"
      {
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
  package static func path(root: String, model: String?, engine: String?, name: String) -> String {
    let parts = (model ?? "unknown").split(separator: "/").map(String.init)
    let org = parts.count >= 2 ? component(parts[parts.count - 2]) : "_"
    let model = component(parts.last ?? "unknown")
    let prefix = root.isEmpty ? "" : root + "/"
    return "\(prefix)\(org)/\(model)/\(component(engine ?? "unknown"))/\(name).yaml"
  }
}
