/// A key written twice in one mapping, read with repeats allowed (`YAML.parseStream(_:
/// repeatedKeys:)`): the tree keeps the first entry's place and the last entry's value, as
/// PyYAML does.
public struct YAMLRepeatedKey: Sendable, Hashable {
  /// The key's text.
  public var key: String
  /// Where it is repeated.
  public var mark: Mark
  /// Where it was first written.
  public var first: Mark

  public init(key: String, mark: Mark, first: Mark) {
    self.key = key
    self.mark = mark
    self.first = first
  }
}
