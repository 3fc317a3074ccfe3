/// The index of a registry at one commit.
public struct RegistryIndex: Sendable {
  public var commit: ObjectID
  public var tree: ObjectID
  public var config: RegistryConfig
  public var snapshot: IndexSnapshot
}
