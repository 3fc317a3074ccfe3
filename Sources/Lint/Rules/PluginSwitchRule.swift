import Schema

/// A plugin listed in `engine.plugins` whose command-line switch is not in the args
/// (`plugin-switch-missing`, error): `vllm serve` without `--omni` never hands the command line
/// to vLLM-Omni, so the plugin's flags are refused and its model types are unknown.
public struct PluginSwitchRule: LintRule {
  /// The rule.
  public init() {}
  /// The diagnostic codes this rule reports.
  public var codes: [String] { ["plugin-switch-missing"] }

  /// Reports this rule's findings about the recipe in `context`.
  public func check(_ context: LintContext) {
    for (i, p) in context.recipe.engine.plugins.enumerated() {
      guard let flag = p.name.switchFlag else { continue }
      let key = String(flag.drop { $0 == "-" })
      for role in context.recipe.topology.roleNames {
        let args = context.resolved(role: role).args
        guard !args.contains(where: { $0.flag == key && $0.value == .bool(true) }) else { continue }
        context.report(
          .error, code: "plugin-switch-missing",
          "\(p.name) is listed but \(role.rawValue) runs without \(flag): \(p.name.engine) will not hand its command line to the plugin",
          at: (KeyPath("engine") / "plugins").appending(index: i) / "name", hint: "add '\(key): true' to args")
        break
      }
    }
  }
}
