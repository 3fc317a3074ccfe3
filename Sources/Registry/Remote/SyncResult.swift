/// What a pull or push did to the local branch.
public enum SyncResult: Sendable, Hashable {
  /// Nothing to do.
  case upToDate
  /// The branch moved forward to the remote tip.
  case fastForward(to: ObjectID)
  /// Local commits were rebuilt on the remote tip (new ids), count given.
  case rebuilt(commits: Int, tip: ObjectID)
  /// The remote branch was updated (after `retries` fetch-rebuild rounds).
  case pushed(tip: ObjectID, retries: Int)
}
