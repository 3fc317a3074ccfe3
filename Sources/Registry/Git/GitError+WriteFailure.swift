extension GitError {
  /// What to do about a failed write, when the operating-system error libgit2 reported is a
  /// known one (full disk or file-size limit, no write permission); nil otherwise.
  public var writeHint: String? {
    let full = ["No space left on device", "File too large", "Disk quota exceeded"]
    let denied = ["Permission denied", "Operation not permitted", "Read-only file system"]
    if full.contains(where: message.contains) {
      return
        "the disk is full (or a file-size limit or quota was reached): free space and try again"
    }
    if denied.contains(where: message.contains) {
      return
        "the repository is not writable by you: ask for write access, or publish into a clone and push"
    }
    return nil
  }
}

extension GitError {
  /// True for failures to write an object or a reference that are not about the repository's
  /// content (I/O, permissions, space): libgit2's generic error code, not a named one.
  public var isWriteFailure: Bool {
    if case .other = code { return true }
    return false
  }
}
