/// Flags a renderer appends to a process that spans several nodes (multi-node tensor
/// parallelism): the head node address, the node count and this instance's rank.
///
/// The values are only known at launch time (the scheduler picks the nodes), so the plan
/// names the flags and the renderer fills them in. One instance runs per node.
public struct DistributedLaunch: Sendable, Hashable, Codable {
  /// The flag taking `HEAD:PORT`, such as `--dist-init-addr`.
  public var initAddressFlag: String
  /// The port of the rendezvous on the head node.
  public var initPort: Int
  /// The flag taking the number of nodes, such as `--nnodes`.
  public var nodeCountFlag: String
  /// The flag taking the node rank, such as `--node-rank`.
  public var nodeRankFlag: String

  /// A multi-node rendezvous with the given parts.
  public init(
    initAddressFlag: String = "--dist-init-addr", initPort: Int = 5000,
    nodeCountFlag: String = "--nnodes", nodeRankFlag: String = "--node-rank"
  ) {
    self.initAddressFlag = initAddressFlag
    self.initPort = initPort
    self.nodeCountFlag = nodeCountFlag
    self.nodeRankFlag = nodeRankFlag
  }
}
