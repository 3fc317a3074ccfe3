/// The class of a registry failure, for callers that act on the class rather than the case
/// (the `registry` command maps it to its exit code).
public enum FailureKind: Sendable, Hashable {
  /// Something named is not there: a registry, recipe, rev, remote, lock entry or locked blob.
  case notFound
  /// A write met a concurrent change or something already present, or the branch is locked.
  case conflict
  /// The request contradicts itself (e.g. `NAME@REV` with `--locked`).
  case invalidRequest
  /// Anything else: invalid input or an operation that failed.
  case failed
}

/// An error that says which ``FailureKind`` it is.
public protocol ClassifiedError: Error, CustomStringConvertible {
  /// The class of this failure.
  var kind: FailureKind { get }
}
