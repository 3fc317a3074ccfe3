extension GitError {
  /// The libgit2 error codes the registry tells apart.
  public enum Code: Sendable, Hashable {
    /// `GIT_ENOTFOUND`: the object, rev, path or reference does not exist.
    case notFound
    /// `GIT_EEXISTS`: the object or reference already exists.
    case exists
    /// `GIT_EAMBIGUOUS`: a short id or name matches more than one object.
    case ambiguous
    /// `GIT_ELOCKED`: a lock file prevented the operation.
    case locked
    /// `GIT_EMODIFIED`: a reference did not have the expected old value (lost compare-and-swap).
    case modified
    /// `GIT_ENONFASTFORWARD`: a reference update was not a fast-forward.
    case nonFastForward
    /// `GIT_EINVALIDSPEC`: a rev, reference name or refspec is malformed.
    case invalidSpec
    /// Any other libgit2 code (the raw negative value).
    case other(Int32)

    /// Maps a libgit2 return code.
    public init(rawCode: Int32) {
      switch rawCode {
      case -3: self = .notFound
      case -4: self = .exists
      case -5: self = .ambiguous
      case -12: self = .invalidSpec
      case -14: self = .locked
      case -15: self = .modified
      case -11: self = .nonFastForward
      default: self = .other(rawCode)
      }
    }

    var phrase: String {
      switch self {
      case .notFound: "not found"
      case .exists: "already exists"
      case .ambiguous: "is ambiguous"
      case .invalidSpec: "is invalid"
      case .locked: "is locked"
      case .modified: "changed concurrently (expected old value does not match)"
      case .nonFastForward: "is not a fast-forward"
      case .other(let rc): "failed (code \(rc))"
      }
    }
  }
}
