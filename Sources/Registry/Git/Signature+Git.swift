internal import CGit2

extension Signature {
  /// Copies a libgit2 signature; empty values for NULL.
  init(_ signature: UnsafePointer<git_signature>?) {
    guard let s = signature?.pointee else {
      self.init(name: "", email: "", time: 0)
      return
    }
    self.init(
      name: s.name.map { String(cString: $0) } ?? "",
      email: s.email.map { String(cString: $0) } ?? "",
      time: Int64(s.when.time), offsetMinutes: Int(s.when.offset))
  }

  /// Calls `body` with a temporary libgit2 signature.
  func withGitSignature<R>(
    _ body: (UnsafePointer<git_signature>) throws(GitError) -> R
  ) throws(GitError) -> R {
    var sig: UnsafeMutablePointer<git_signature>?
    try check(
      git_signature_new(&sig, name, email, git_time_t(time), Int32(offsetMinutes)),
      "git_signature_new", object: "signature '\(name) <\(email)>'")
    guard let sig else {
      throw GitError(code: .other(-1), message: "", function: "git_signature_new", object: nil)
    }
    defer { git_signature_free(sig) }
    return try body(sig)
  }
}
