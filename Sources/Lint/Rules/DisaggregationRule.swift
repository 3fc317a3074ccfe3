import Schema

/// SGLang disaggregation: a prefill/decode role must run with `disaggregation-mode` set to its
/// role (`missing-disaggregation-mode`); an aggregated recipe must not set it
/// (`unexpected-disaggregation-mode`).
public struct DisaggregationRule: LintRule {
  /// The rule.
  public init() {}
  /// The diagnostic codes this rule reports.
  public var codes: [String] { ["missing-disaggregation-mode", "unexpected-disaggregation-mode"] }

  /// Reports this rule's findings about the recipe in `context`.
  public func check(_ context: LintContext) {
    guard context.engine == .sglang else { return }
    let recipe = context.recipe
    for role in recipe.topology.roleNames {
      let mode = context.arg("disaggregation-mode", role: role).flatMap {
        FlagValueRule.text($0.value)
      }
      if role == .aggregated {
        if let mode, mode != "null" {
          context.report(
            .error, code: "unexpected-disaggregation-mode",
            "the aggregated recipe sets disaggregation-mode '\(mode)'",
            at: context.argPath(
              context.arg("disaggregation-mode", role: role)?.flag ?? "disaggregation-mode",
              role: role),
            hint: "remove disaggregation-mode, or make the topology prefill + decode")
        }
      } else if mode != role.rawValue {
        let at: KeyPath =
          mode == nil
          ? KeyPath([.key("topology"), .key(role.rawValue)])
          : context.argPath(
            context.arg("disaggregation-mode", role: role)?.flag ?? "disaggregation-mode",
            role: role)
        context.report(
          .error, code: "missing-disaggregation-mode",
          mode.map { "the \(role.rawValue) role runs with disaggregation-mode '\($0)'" }
            ?? "the \(role.rawValue) role runs without disaggregation-mode",
          at: at, hint: "set roles.\(role.rawValue).args.disaggregation-mode: \(role.rawValue)")
      }
    }
  }
}
