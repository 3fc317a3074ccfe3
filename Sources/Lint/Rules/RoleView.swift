import Schema

/// Helpers rules share to read what one role runs with.
extension LintContext {
  /// The value of a named field for `role`: the serving field, else an arg spelling it.
  public func namedValue(_ field: NamedField, role: RecipeV2.Role) -> Int? {
    let resolved = resolved(role: role)
    let s = resolved.serving
    let direct: Int?
    switch field {
    case .tensorParallelSize: direct = s.tensorParallelSize
    case .pipelineParallelSize: direct = s.pipelineParallelSize
    case .dataParallelSize: direct = s.dataParallelSize
    case .expertParallelSize: direct = s.expertParallelSize
    case .contextLength: direct = s.contextLength
    case .maxConcurrentRequests: direct = s.maxConcurrentRequests
    case .gpuMemoryUtilization: direct = nil
    }
    if let direct { return direct }
    for a in resolved.args where NamedField.field(forFlag: a.flag, engine: engine) == field {
      if let t = FlagValueRule.text(a.value), let i = Int(t) { return i }
    }
    return nil
  }

  /// The resolved arg of `role` whose normalised spelling is `flag` (no dashes, kebab-case).
  public func arg(_ flag: String, role: RecipeV2.Role) -> RecipeV2.EngineArg? {
    let key = NamedFieldFlags.normalize(flag)
    return resolved(role: role).args.first { NamedFieldFlags.normalize($0.flag) == key }
  }

  /// Whether a resolved arg of `role` is set to something other than false/null.
  public func isOn(_ flag: String, role: RecipeV2.Role) -> Bool {
    guard let a = arg(flag, role: role) else { return false }
    switch a.value {
    case .bool(false), .null: return false
    case .string(let s): return s.lowercased() != "false"
    default: return true
    }
  }
}
