/// A record as stored in a registry: where, and what it says.
public struct StoredRecord: Sendable, Hashable {
  /// Its path in the tree.
  public var path: String
  /// The record.
  public var record: ResultRecord

  /// A record stored at `path`.
  public init(path: String, record: ResultRecord) {
    self.path = path
    self.record = record
  }
}
