internal import CGit2

/// Process-wide libgit2 initialisation (done once, never shut down).
enum Libgit2 {
  /// Evaluated lazily and exactly once (Swift guarantees thread-safe `static let` init).
  static let token: Int32 = git_libgit2_init()

  /// Makes sure libgit2 is initialised.
  @inline(__always)
  static func ensureInitialized() { _ = token }
}
