/// Why a lock file could not be read or honoured.
public enum LockError: Error, Sendable, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  case notLocked(name: String, path: String)
  /// The locked blob (or commit) is not in the repository: the registry lost history the
  /// lock depends on, or this is another registry.
  case unreachable(name: String, blob: String, commit: String, reason: String)
  case blobMismatch(name: String, expected: String, found: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): return "cannot read lock file \(path): \(reason)"
    case .notLocked(let name, let path): return "'\(name)' is not in \(path): run 'registry lock \(name)'"
    case .unreachable(let name, let blob, let commit, let reason):
      return "LOCKED RECIPE UNREACHABLE: '\(name)' is locked to blob \(blob) (commit \(commit)), which this registry does not have (\(reason)); fetch the history it came from, or re-lock deliberately with 'registry lock \(name)'"
    case .blobMismatch(let name, let expected, let found):
      return "'\(name)': commit holds blob \(found), the lock says \(expected): the lock file was edited or belongs to another registry"
    }
  }

  /// 3 for missing things, 1 otherwise.
  public var exitCode: Int32 {
    switch self {
    case .notLocked, .unreachable: return 3
    default: return 1
    }
  }
}
