internal import CGit2

/// An open git repository (bare or with a work tree).
///
/// Owns the libgit2 handle and frees it when released. Not thread-safe: confine an instance
/// to one task, or open one per task.
package final class GitRepository {
  let pointer: OpaquePointer
  /// The object database, opened on first use.
  private var database: ObjectDatabase?

  /// The directory the repository lives in: the work tree, or the git dir when bare
  /// (no trailing slash).
  package let path: String

  private init(pointer: OpaquePointer) {
    self.pointer = pointer
    let workdir = git_repository_workdir(pointer).map { String(cString: $0) }
    let gitDir = String(cString: git_repository_path(pointer))
    self.path = Self.trimmingSlash(workdir ?? gitDir)
  }

  deinit {
    database = nil
    git_repository_free(pointer)
  }

  // MARK: - Opening and creating

  /// Opens the repository at `path` (a work tree, a `.git` directory or a bare repository).
  ///
  /// - Parameter discover: when true, also looks in parent directories of `path`.
  /// - Throws: ``GitError`` with code ``GitError/Code/notFound`` if there is no repository.
  package convenience init(at path: String, discover: Bool = false) throws(GitError) {
    Libgit2.ensureInitialized()
    var repo: OpaquePointer?
    let flags = discover ? 0 : GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue
    let rc = git_repository_open_ext(&repo, path, flags, nil)
    if rc < 0 {
      throw makeGitError(rc, "git_repository_open_ext", object: "repository '\(path)'")
    }
    guard let repo else {
      throw GitError(
        code: .notFound, message: "", function: "git_repository_open_ext",
        object: "repository '\(path)'")
    }
    self.init(pointer: repo)
  }

  /// Creates a new empty repository at `path` (creating directories as needed) and opens it.
  ///
  /// - Parameters:
  ///   - bare: create a bare repository (no work tree).
  ///   - initialBranch: the branch `HEAD` points to.
  package static func create(
    at path: String, bare: Bool = false, initialBranch: String = "main"
  ) throws(GitError) -> GitRepository {
    Libgit2.ensureInitialized()
    var options = git_repository_init_options()
    _ = git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION))
    options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue
    if bare { options.flags |= GIT_REPOSITORY_INIT_BARE.rawValue }
    var repo: OpaquePointer?
    let rc = initialBranch.withCString { branch in
      options.initial_head = branch
      return git_repository_init_ext(&repo, path, &options)
    }
    if rc < 0 {
      throw makeGitError(rc, "git_repository_init_ext", object: "repository '\(path)'")
    }
    guard let repo else {
      throw GitError(
        code: .other(-1), message: "", function: "git_repository_init_ext",
        object: "repository '\(path)'")
    }
    return GitRepository(pointer: repo)
  }

  // MARK: - Properties

  /// The git directory (`.git` of a work tree, or the repository itself when bare), no trailing slash.
  package var gitDirectory: String {
    Self.trimmingSlash(String(cString: git_repository_path(pointer)))
  }

  /// The work tree, or nil for a bare repository (no trailing slash).
  package var workingDirectory: String? {
    git_repository_workdir(pointer).map { Self.trimmingSlash(String(cString: $0)) }
  }

  /// Whether the repository has no work tree.
  package var isBare: Bool { git_repository_is_bare(pointer) == 1 }

  // MARK: - Helpers

  /// `check` with this repository's path in the error.
  @inline(__always)
  func check(
    _ rc: Int32, _ function: StaticString, object: @autoclosure () -> String?
  ) throws(GitError) {
    if rc >= 0 { return }
    throw makeGitError(rc, function, object: object(), repository: path)
  }

  /// The object database handle (opened once, then reused).
  func objectDatabase() throws(GitError) -> ObjectDatabase {
    if let database { return database }
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, pointer), "git_repository_odb", object: nil)
    guard let odb else { throw missing("git_repository_odb", object: nil) }
    let opened = ObjectDatabase(pointer: odb)
    database = opened
    return opened
  }

  /// An error for a libgit2 call that succeeded but returned no object.
  func missing(_ function: StaticString, object: String?) -> GitError {
    GitError(
      code: .notFound, message: "", function: function.description, object: object,
      repository: path)
  }

  private static func trimmingSlash(_ s: String) -> String {
    s.count > 1 && s.hasSuffix("/") ? String(s.dropLast()) : s
  }
}

@available(*, unavailable, message: "libgit2 handles are not thread-safe; open one per task")
extension GitRepository: Sendable {}
