import Schema

/// Credentials written into a recipe (`secret-in-recipe`, error): `HF_TOKEN`-style env vars
/// and API-key flags with a literal value. A reference (`$HF_TOKEN`, `${HF_TOKEN}`) passes.
public struct SecretRule: LintRule {
  /// The rule.
  public init() {}
  /// The diagnostic codes this rule reports.
  public var codes: [String] { ["secret-in-recipe"] }

  static let secretNames: Set<String> = [
    "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HUGGINGFACE_TOKEN", "HF_API_TOKEN",
  ]
  static let secretSuffixes = [
    "_TOKEN", "_API_KEY", "_SECRET", "_SECRET_KEY", "_PASSWORD", "_ACCESS_KEY",
  ]
  static let secretFlags: Set<String> = ["api-key", "hf-token", "admin-api-key"]

  static func isSecretName(_ name: String) -> Bool {
    let n = name.uppercased()
    return secretNames.contains(n) || secretSuffixes.contains { n.hasSuffix($0) }
  }

  static func isLiteralSecret(_ value: String) -> Bool {
    let v = value.trimmedOfSpaces
    guard !v.isEmpty, !v.hasPrefix("$"), !(v.hasPrefix("<") && v.hasSuffix(">")) else {
      return false
    }
    return v.count >= 6 && Int(v) == nil
      && !["true", "false", "none", "null"].contains(v.lowercased())
  }

  /// Reports this rule's findings about the recipe in `context`.
  public func check(_ context: LintContext) {
    let recipe = context.recipe
    var sites: [(RecipeV2.EnvVar, KeyPath)] = recipe.env.map {
      ($0, KeyPath([.key("env"), .key($0.name)]))
    }
    for role in recipe.roles.keys.sorted() {
      for e in recipe.roles[role]?.env ?? [] {
        sites.append((e, KeyPath([.key("roles"), .key(role.rawValue), .key("env"), .key(e.name)])))
      }
    }
    for (e, path) in sites {
      guard Self.isSecretName(e.name), let v = e.value, Self.isLiteralSecret(v) else { continue }
      context.report(
        .error, code: "secret-in-recipe", "\(e.name) holds a literal credential", at: path,
        hint:
          "remove the value and revoke the token; pass it at launch from the environment ('\(e.name): ${\(e.name)}' or leave it out)"
      )
    }
    for site in context.argSites
    where Self.secretFlags.contains(NamedFieldFlags.normalize(site.arg.flag)) {
      guard let v = FlagValueRule.text(site.arg.value), Self.isLiteralSecret(v) else { continue }
      context.report(
        .error, code: "secret-in-recipe", "'\(site.arg.flag)' holds a literal credential",
        at: site.path,
        hint: "remove it and pass the key at launch (an env var the launcher forwards)")
    }
  }
}

extension String {
  fileprivate var trimmedOfSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
