internal import CLibYAML

/// The libyaml the process runs with.
public enum LibYAMLVersion {
  /// libyaml's version as the loaded library reports it (`yaml_get_version_string`), e.g.
  /// `0.2.5`.
  public static var string: String { String(cString: yaml_get_version_string()) }
}
