import Schema

/// Environment variables of services: plain entries, overlays and `$VAR` expansion.
extension DynamoImporter {
  /// Plain `{name, value}` entries, and the rest (`valueFrom`, …) kept as written.
  static func splitEnv(_ items: [YAMLNode]) -> ([RecipeV2.EnvVar], [YAMLNode]) {
    var plain: [RecipeV2.EnvVar] = []
    var rest: [YAMLNode] = []
    for item in items {
      if let n = item["name"]?.scalar, item.keys.allSatisfy({ $0 == "name" || $0 == "value" }) {
        plain.append(RecipeV2.EnvVar(n, item["value"]?.scalar ?? ""))
      } else {
        rest.append(item)
      }
    }
    return (plain, rest)
  }

  /// `a` with `b`'s entries replacing same-named ones in place, new ones appended.
  static func overlay(_ a: [RecipeV2.EnvVar], _ b: [RecipeV2.EnvVar]) -> [RecipeV2.EnvVar] {
    var out = a
    for e in b {
      if let i = out.firstIndex(where: { $0.name == e.name }) { out[i] = e } else { out.append(e) }
    }
    return out
  }

  /// `$VAR` / `${VAR}` replaced by the env value when the whole word is one variable.
  static func expand(_ word: String, env: [RecipeV2.EnvVar]) -> String {
    var name = Substring(word)
    guard name.hasPrefix("$") else { return word }
    name = name.dropFirst()
    if name.hasPrefix("{"), name.hasSuffix("}") { name = name.dropFirst().dropLast() }
    guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return word }
    return env.last { $0.name == name }?.value ?? word
  }
}
