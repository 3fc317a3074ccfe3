package import Schema

/// Where one command-template flag lives in v2: a launcher-owned setting, a named serving
/// field, or an engine arg (by its normalised spelling).
package enum SparkTemplateSlot: Sendable, Hashable {
  case host
  case port
  case model
  case servedName
  case field(NamedField)
  case arg(String)

  /// The slot of a flag spelling with its value on `engine`. A named-field flag whose value
  /// does not fit the field (`--max-model-len auto`) is an arg.
  package static func of(_ spelling: String, value: RecipeV2.ArgValue, engine: EngineName)
    -> SparkTemplateSlot
  {
    let n = NamedFieldFlags.normalize(spelling)
    if LauncherFlags.owned(by: engine).contains(where: { NamedFieldFlags.normalize($0) == n }) {
      switch n {
      case "host": return .host
      case "port": return .port
      case "served-model-name", "alias": return .servedName
      default: return .model
      }
    }
    if let f = NamedFieldFlags.field(forFlag: spelling, engine: engine),
      NamedFieldFlags.flags(for: f, engine: engine).form == .value
    {
      var probe = RecipeV2.Serving()
      if ForeignValues.setServing(&probe, f, value) { return .field(f) }
    }
    return .arg(n)
  }
}

extension SparkTemplateSlot {
  /// The v2 path the slot's value lives at (for loss reports).
  var v2Path: String {
    switch self {
    case .host: return "launcher.host"
    case .port: return "launcher.port"
    case .model: return "model.path"
    case .servedName: return "model.served_name"
    case .field(let f): return "serving.\(f.key)"
    case .arg(let a): return "args.\(a)"
    }
  }
}
