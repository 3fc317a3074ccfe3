internal import CGit2

/// Process-wide libgit2 initialisation (done once, never shut down).
package enum Libgit2 {
  /// Evaluated lazily and exactly once (Swift guarantees thread-safe `static let` init).
  static let token: Int32 = {
    let rc = git_libgit2_init()
    // libgit2 caches only trees up to 4 KiB; a registry folder of a few hundred recipes is
    // bigger, so every path lookup in it re-read and re-parsed the tree (≈ 0.8 ms per lookup in
    // a 20k registry). Cache trees up to 1 MiB (the cache's total stays bounded by libgit2's
    // 256 MiB default).
    _ = registry_git_set_cache_object_limit(GIT_OBJECT_TREE, 1 << 20)
    // libgit2 re-hashes every object it reads (SHA-1 with collision detection): ≈ 6% of the
    // instructions of a cold index, for objects that were hashed when written or fetched. Git
    // itself does not re-hash on read; damaged data still fails zlib's checksum.
    _ = registry_git_set_strict_hash_verification(0)
    return rc
  }()

  /// Makes sure libgit2 is initialised.
  @inline(__always)
  static func ensureInitialized() { _ = token }
}

extension Libgit2 {
  /// Makes TLS connections trust the certificates in `file` (a PEM bundle) and/or `directory`
  /// instead of the system's (libgit2's `GIT_OPT_SET_SSL_CERT_LOCATIONS`); they are parsed when
  /// a connection first needs them (``DeferredCertificates``).
  package static func setCertificateLocations(file: String?, directory: String?) throws(GitError) {
    ensureInitialized()
    let rc = registry_git_set_ssl_cert_locations(file, directory)
    if rc < 0 { throw makeGitError(rc, "git_libgit2_opts", object: file ?? directory) }
  }
}
