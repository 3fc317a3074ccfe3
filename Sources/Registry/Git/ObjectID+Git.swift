internal import CGit2

extension ObjectID {
  /// Converts from a libgit2 id.
  init(_ oid: git_oid) {
    self = withUnsafeBytes(of: oid) { ObjectID(raw: $0.baseAddress!) }
  }

  /// Converts from a pointer to a libgit2 id.
  init(_ oid: UnsafePointer<git_oid>) {
    self.init(raw: UnsafeRawPointer(oid))
  }

  /// The libgit2 representation.
  var gitOID: git_oid {
    var oid = git_oid()
    withUnsafeMutableBytes(of: &oid) { store(to: $0.baseAddress!) }
    return oid
  }
}
