/// The typed value of a scalar under the YAML 1.2 core schema.
///
/// Plain scalars resolve by spelling (`true`, `12`, `0.85`, `.inf`, `~`); quoted and block
/// scalars are always strings. YAML 1.1 spellings `yes`, `no`, `on`, `off` are strings
/// (a country code `no` stays `"no"`); `0755` is the integer 755, `0o755` is octal.
public enum ResolvedScalar: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)

  /// A short name of the type, for messages ("expected an integer, found string 'four'").
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .int: return "integer"
    case .float: return "float"
    case .string: return "string"
    }
  }
}

extension ResolvedScalar {
  /// Whether the value is a string (not null, a boolean or a number).
  var isString: Bool {
    if case .string = self { return true }
    return false
  }
}
