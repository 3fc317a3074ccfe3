/// A consecutive run of nodes used by one worker role (prefill, decode or aggregated).
public struct NodeGroup: Sendable, Hashable, Codable {
  /// The worker role the nodes run.
  public var role: ProcessRole
  /// The index of the group's first node in the plan's node list.
  public var firstNode: Int
  /// The number of nodes in the group.
  public var nodeCount: Int

  /// A group of `nodeCount` nodes from `firstNode` running `role`.
  public init(role: ProcessRole, firstNode: Int, nodeCount: Int) {
    self.role = role
    self.firstNode = firstNode
    self.nodeCount = nodeCount
  }
}
