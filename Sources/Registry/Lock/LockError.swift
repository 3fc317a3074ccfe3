/// Why a lock file could not be read or honoured.
public enum LockError: ClassifiedError, Sendable {
  case unreadable(path: String, reason: String)
  case notLocked(name: String, path: String)
  /// The locked blob (or commit) is not in the repository: the registry lost history the
  /// lock depends on, or this is another registry.
  case unreachable(name: String, blob: String, commit: String, path: String, reason: String)
  /// `NAME@REV` with `--locked`: the lock decides the blob, a rev would contradict it.
  case revWithLock(name: String, rev: String, path: String)
  case blobMismatch(name: String, expected: String, found: String)

  /// A one-line message naming what is wrong.
  public var description: String {
    switch self {
    case .unreadable(let path, let reason): return "cannot read lock file \(path): \(reason)"
    case .notLocked(let name, let path):
      return "'\(name)' is not in \(path): run 'registry lock \(name)'"
    case .unreachable(let name, let blob, let commit, let path, let reason):
      return
        "LOCKED RECIPE UNREACHABLE: \(path) entry '\(name)' pins blob \(blob) (commit \(commit)), which this registry does not have (\(reason))\n  hint: fetch the history it came from ('registry pull'), or re-lock deliberately with 'registry lock \(name)' and review the change"
    case .revWithLock(let name, let rev, let path):
      return
        "'\(name)' names rev \(rev), but --locked reads the blob \(path) pins\n  hint: drop '@\(rev)', or drop --locked"
    case .blobMismatch(let name, let expected, let found):
      return
        "'\(name)': commit holds blob \(found), the lock says \(expected): the lock file was edited or belongs to another registry"
    }
  }

  /// `.notFound` for a name the lock lacks or a blob the registry lacks, `.invalidRequest`
  /// for a rev with `--locked`, `.failed` otherwise.
  public var kind: FailureKind {
    switch self {
    case .notLocked, .unreachable: return .notFound
    case .revWithLock: return .invalidRequest
    case .unreadable, .blobMismatch: return .failed
    }
  }
}
