/// Metadata of a commit.
public struct Commit: Sendable, Hashable {
  /// The commit id.
  public let id: ObjectID
  /// The id of the commit's root tree.
  public let treeID: ObjectID
  /// Parent commit ids, first parent first.
  public let parentIDs: [ObjectID]
  /// The author.
  public let author: Signature
  /// The committer.
  public let committer: Signature
  /// The full message.
  public let message: String
  /// The first paragraph of the message, joined into one line.
  public let summary: String

  /// Commit metadata with the given values.
  public init(
    id: ObjectID, treeID: ObjectID, parentIDs: [ObjectID], author: Signature,
    committer: Signature, message: String, summary: String
  ) {
    self.id = id
    self.treeID = treeID
    self.parentIDs = parentIDs
    self.author = author
    self.committer = committer
    self.message = message
    self.summary = summary
  }
}
