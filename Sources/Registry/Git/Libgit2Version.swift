internal import CGit2

/// The libgit2 the process runs with.
public enum Libgit2Version {
  /// libgit2's version as the loaded library reports it (`git_libgit2_version`), e.g. `1.5.1`.
  public static var string: String {
    var major: Int32 = 0
    var minor: Int32 = 0
    var revision: Int32 = 0
    _ = git_libgit2_version(&major, &minor, &revision)
    return "\(major).\(minor).\(revision)"
  }
}
