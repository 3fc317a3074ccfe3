import Schema

/// Args that belong elsewhere: a named field repeated in args (`named-field-in-args`, the
/// seed-001 ban) and a launcher-owned flag in args (`launcher-owned-flag`: host, port, model,
/// served model name). Every offender is reported. The v2 decoder already reports both for v2
/// files; this rule covers imported formats.
public struct ArgOwnershipRule: LintRule {
  /// The rule.
  public init() {}
  /// The diagnostic codes this rule reports.
  public var codes: [String] { ["named-field-in-args", "launcher-owned-flag"] }

  /// Reports this rule's findings about the recipe in `context`.
  public func check(_ context: LintContext) {
    let engine = context.engine
    let owned = Set(LauncherFlags.owned(by: engine).map(NamedFieldFlags.normalize))
    for site in context.argSites {
      let key = NamedFieldFlags.normalize(site.arg.flag)
      if owned.contains(key) {
        let hint =
          key.contains("served")
          ? "remove it and set model.served_name"
          : key.hasPrefix("model")
            ? "remove it and set model.path" : "remove it and set launcher.\(key)"
        context.report(
          .error, code: "launcher-owned-flag",
          "'\(site.arg.flag)' is set by the launcher, not in args", at: site.path, hint: hint)
      }
    }
    for role in context.recipe.topology.roleNames {
      let resolved = context.resolved(role: role)
      for a in resolved.args {
        guard let field = NamedField.field(forFlag: a.flag, engine: engine),
          resolved.serving.isSet(field)
        else { continue }
        let servingPath =
          context.recipe.roles[role]?.serving.isSet(field) == true
          ? "roles.\(role.rawValue).serving" : "serving"
        context.report(
          .error, code: "named-field-in-args",
          "'\(a.flag)' repeats the named field \(field.key) in args",
          at: context.argPath(a.flag, role: role),
          hint: "set \(servingPath).\(field.key) only and remove '\(a.flag)' from args")
      }
    }
  }
}
