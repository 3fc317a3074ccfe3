import Schema

/// Environment variables that prefill and decode must agree on (KV-transfer settings: the
/// two sides of one handoff) but that the roles set differently: `env-differs-across-roles`
/// (warning).
public struct EnvAcrossRolesRule: LintRule {
  /// The rule.
  public init() {}
  /// The diagnostic codes this rule reports.
  public var codes: [String] { ["env-differs-across-roles"] }

  /// Prefixes of variables both sides of a KV transfer read.
  public static let mustMatchPrefixes = [
    "SGLANG_DISAGGREGATION_", "SGLANG_MOONCAKE_", "MC_", "NIXL_", "UCX_", "VLLM_NIXL_",
    "VLLM_KV_", "DYN_KVBM_",
  ]

  /// Reports this rule's findings about the recipe in `context`.
  public func check(_ context: LintContext) {
    let recipe = context.recipe
    guard recipe.topology.mode == .disaggregated else { return }
    let prefill = context.resolved(role: .prefill).env
    let decode = context.resolved(role: .decode).env
    var names: [String] = []
    for e in prefill + decode where !names.contains(e.name) { names.append(e.name) }
    for name in names where Self.mustMatchPrefixes.contains(where: { name.hasPrefix($0) }) {
      let p = prefill.first { $0.name == name }?.value
      let d = decode.first { $0.name == name }?.value
      guard p != d else { continue }
      let role: RecipeV2.Role =
        recipe.roles[.decode]?.env.contains { $0.name == name } == true ? .decode : .prefill
      context.report(
        .warning, code: "env-differs-across-roles",
        "\(name) is \(p.map { "'\($0)'" } ?? "unset") for prefill but \(d.map { "'\($0)'" } ?? "unset") for decode",
        at: context.envPath(name, role: role),
        hint: "both sides of the KV transfer read it; set it once in env (common to the roles)")
    }
  }
}
