import Schema

/// `model.precision` against the quantization the engine is told to use
/// (`precision-quantization`): fp4 weights with `--quantization fp8`, fp8 weights with an fp4
/// method, AWQ weights read as GPTQ. bf16/fp16 weights with a quantization method are online
/// quantization and pass; methods that do not name a format (`modelopt`) pass.
public struct PrecisionRule: LintRule {
  /// The rule.
  public init() {}
  /// The diagnostic codes this rule reports.
  public var codes: [String] { ["precision-quantization"] }

  /// A weight format family.
  enum Family: String {
    case fp4, fp8, int8, awq, gptq
  }

  static func family(ofPrecision p: String) -> Family? {
    let s = p.lowercased()
    if s.contains("fp4") { return .fp4 }
    if s.contains("fp8") { return .fp8 }
    if s.contains("awq") { return .awq }
    if s.contains("gptq") { return .gptq }
    if s == "int8" || s.contains("w8a8") && !s.contains("fp8") { return .int8 }
    return nil
  }

  static func family(ofQuantization q: String) -> Family? {
    let s = q.lowercased()
    if s.contains("fp4") { return .fp4 }
    if s.contains("fp8") || s == "fbgemm_fp8" { return .fp8 }
    if s.hasPrefix("awq") { return .awq }
    if s.hasPrefix("gptq") { return .gptq }
    if s == "w8a8_int8" || s == "int8" { return .int8 }
    return nil
  }

  /// Reports this rule's findings about the recipe in `context`.
  public func check(_ context: LintContext) {
    guard let precision = context.recipe.model.precision,
      let weights = Self.family(ofPrecision: precision)
    else { return }
    for role in context.recipe.topology.roleNames {
      guard let q = context.arg("quantization", role: role), let text = FlagValueRule.text(q.value),
        let method = Self.family(ofQuantization: text), method != weights
      else { continue }
      context.report(
        .error, code: "precision-quantization",
        "model.precision is '\(precision)' but the engine is told --quantization \(text) (\(method.rawValue))",
        at: context.argPath(q.flag, role: role),
        hint:
          "use a \(weights.rawValue) quantization method (or remove --quantization to read it from the checkpoint), or fix model.precision"
      )
    }
  }
}
