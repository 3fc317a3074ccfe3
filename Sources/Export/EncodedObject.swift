/// A JSON object made of members that are already JSON text, written with sorted keys as
/// `ExportJSON` writes objects.
///
/// A detail document is one: the detail cache (`DetailCache`) keeps each blob's members as
/// encoded text, so that a re-export joins them with the commit's own members instead of
/// converting again, and the recipe's members are the recipe document's own JSON
/// (`YAMLNode.jsonText`), which keeps v2's canonical key order (`JSONEncoder` with sorted
/// keys would reorder it).
struct EncodedObject {
  /// Key → the member's JSON text. Keys are plain identifiers (nothing to escape).
  var members: [String: String]

  init(_ members: [String: String]) {
    self.members = members
  }

  /// `{"key":value,...}` in key order.
  var text: String {
    var out = "{"
    for (n, key) in members.keys.sorted().enumerated() {
      if n > 0 { out += "," }
      out += "\"" + key + "\":" + (members[key] ?? "null")
    }
    return out + "}"
  }
}
