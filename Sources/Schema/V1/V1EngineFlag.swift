/// One engine flag of an engine config, as written: the name (`tensor-parallel-size`,
/// sometimes `served_model_name`) and its value node.
///
/// The value may be a scalar, `true` (a bare flag), `false`, null (in an override: delete the
/// inherited flag), a list (repeated or space-joined values) or JSON in a string.
public struct V1EngineFlag: Sendable, Hashable {
  /// The flag name as written, without leading dashes.
  public var name: String
  /// The value node, as written.
  public var value: YAMLNode

  /// A flag `name` with `value`.
  public init(name: String, value: YAMLNode) {
    self.name = name
    self.value = value
  }

  /// Whether the value is `true` (rendered as a bare flag).
  public var isBareFlag: Bool { value.resolved == .bool(true) }
  /// Whether the value is null (deletes an inherited flag in an override).
  public var isDeletion: Bool { value.isNull }
}
