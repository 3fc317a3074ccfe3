/// The GPUs a process uses on each of its nodes.
public struct GPUAllocation: Sendable, Hashable, Codable {
  /// The number of GPUs per node.
  public var count: Int
  /// Specific device ids (`CUDA_VISIBLE_DEVICES`), if pinned; `count` equals their number.
  public var ids: [Int]?

  /// `count` GPUs per node, whichever the runtime picks.
  public init(count: Int) {
    self.count = count
    self.ids = nil
  }

  /// The GPUs with device ids `ids`, pinned.
  public init(ids: [Int]) {
    self.count = ids.count
    self.ids = ids
  }

  /// The ids as `CUDA_VISIBLE_DEVICES` spells them (`0,1`), if pinned.
  public var visibleDevices: String? {
    ids.map { $0.map(String.init).joined(separator: ",") }
  }
}
