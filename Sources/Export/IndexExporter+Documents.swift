import Migrate
import Registry
import Schema

extension IndexExporter {
  // MARK: - File names

  /// `recipes/<name>.json` for a name that is a safe file name and unique in the registry;
  /// otherwise the name's safe characters, `~`, and the first 12 hex digits of the blob id.
  static func documentPaths(_ entries: [CatalogEntry]) -> [String] {
    var counts: [String: Int] = [:]
    for e in entries { counts[e.name, default: 0] += 1 }
    return entries.map { e in
      if counts[e.name] == 1, isSafeFileName(e.name) { return "recipes/\(e.name).json" }
      let safe = String(e.name.unicodeScalars.map { isSafe($0) ? Character($0) : "_" }.prefix(100))
      return "recipes/\(safe)~\(e.blob.prefix(12)).json"
    }
  }

  static func isSafe(_ u: Unicode.Scalar) -> Bool {
    switch u {
    case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": return true
    default: return false
    }
  }

  static func isSafeFileName(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.count <= 200 && !name.hasPrefix(".")
      && name.unicodeScalars.allSatisfy(isSafe)
  }

  // MARK: - Detail documents

  /// One detail document (`recipes/<name>.json`): the commit, entry and history around a
  /// cached or fresh fragment, with sorted keys; the recipe keeps v2's canonical order.
  static func document(
    entry: CatalogEntry, fragment: DetailCache.Fragment, commit: String, history: PinHistory?,
    json: ExportJSON
  ) -> String {
    var members = fragment.members
    members["commit"] = json.encode(commit)
    members["entry"] = json.encode(entry)
    members["history"] = json.encode(history)
    members["indexSchema"] = json.encode(schemaVersion)
    return EncodedObject(members).text + "\n"
  }

  /// What a detail document says about one blob at one path: the diagnostics, the launch
  /// targets, provenance, v2 recipe (imported through its format's converter when the reader
  /// keeps another model, as for sglang-v1) and the source document (as JSON, when there is
  /// no v2 form), each as JSON text.
  static func fragment(read: ReadRecipe, name: String, json: ExportJSON) -> DetailCache.Fragment {
    let (v2, notes) = read.importedV2()
    let encoded = v2?.encode()
    let source = v2 == nil && read.documents.count == 1 ? read.documents[0].root.jsonText : "null"
    return DetailCache.Fragment(
      diagnostics: json.encode(read.diagnostics + notes),
      launch: json.encode(v2.map { LaunchTargets($0) } ?? LaunchTargets(name: name)),
      provenance: encoded?["provenance"]?.jsonText ?? "null",
      recipe: encoded?.jsonText ?? "null",
      source: source)
  }
}
