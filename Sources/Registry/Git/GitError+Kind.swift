extension GitError: ClassifiedError {
  /// `.notFound` for a missing object, rev, reference or remote; `.conflict` when a reference
  /// changed under the update or is locked; `.failed` otherwise (a rejected non-fast-forward
  /// push included: a ``PublishError`` says when that is a conflict).
  public var kind: FailureKind {
    switch code {
    case .notFound: return .notFound
    case .modified, .locked: return .conflict
    default: return .failed
    }
  }
}
