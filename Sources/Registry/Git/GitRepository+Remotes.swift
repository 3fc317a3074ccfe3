internal import CGit2

extension GitRepository {
  // MARK: - Remotes

  /// Adds a remote with the default fetch refspec (`+refs/heads/*:refs/remotes/<name>/*`).
  ///
  /// - Throws: ``GitError/Code/exists`` if a remote with that name exists,
  ///   ``GitError/Code/invalidSpec`` for a bad name.
  @discardableResult
  package func addRemote(named name: String, url: String) throws(GitError) -> Remote {
    var remote: OpaquePointer?
    try check(
      git_remote_create(&remote, pointer, name, url), "git_remote_create",
      object: "remote '\(name)'")
    git_remote_free(remote)
    return Remote(name: name, url: url)
  }

  /// The configured remotes, sorted by name.
  package func remotes() throws(GitError) -> [Remote] {
    var names = git_strarray()
    try check(git_remote_list(&names, pointer), "git_remote_list", object: nil)
    defer { git_strarray_dispose(&names) }
    var result = [Remote]()
    for i in 0..<names.count {
      guard let raw = names.strings[i] else { continue }
      let name = String(cString: raw)
      let remote = try lookupRemote(name)
      defer { git_remote_free(remote) }
      result.append(
        Remote(name: name, url: git_remote_url(remote).map { String(cString: $0) } ?? ""))
    }
    return result.sorted { $0.name < $1.name }
  }

  /// Fetches from a remote, updating remote-tracking references.
  ///
  /// - Parameter refspecs: refspecs to fetch; empty uses the remote's configured ones.
  package func fetch(remote name: String, refspecs: [String] = []) throws(GitError) {
    DeferredCertificates.load()
    let remote = try lookupRemote(name)
    defer { git_remote_free(remote) }
    var options = git_fetch_options()
    try check(
      git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)),
      "git_fetch_options_init", object: nil)
    let rc = withStrarray(refspecs) { array in
      git_remote_fetch(remote, refspecs.isEmpty ? nil : array, &options, "fetch")
    }
    try check(rc, "git_remote_fetch", object: "remote '\(name)'")
  }

  /// Pushes refspecs (e.g. `refs/heads/main:refs/heads/main`) to a remote.
  ///
  /// - Throws: ``GitError/Code/nonFastForward`` (or another code) if the remote rejects an update.
  package func push(remote name: String, refspecs: [String]) throws(GitError) {
    DeferredCertificates.load()
    let remote = try lookupRemote(name)
    defer { git_remote_free(remote) }
    var options = git_push_options()
    try check(
      git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "git_push_options_init",
      object: nil)
    let rejection = PushRejection()
    options.callbacks.payload = Unmanaged.passUnretained(rejection).toOpaque()
    options.callbacks.push_update_reference = { refname, status, payload in
      if let status, let payload {
        let box = Unmanaged<PushRejection>.fromOpaque(payload).takeUnretainedValue()
        box.reasons.append(
          (refname.map { String(cString: $0) } ?? "?") + ": " + String(cString: status))
      }
      return 0
    }
    let rc = withStrarray(refspecs) { array in git_remote_push(remote, array, &options) }
    try check(rc, "git_remote_push", object: "remote '\(name)'")
    if !rejection.reasons.isEmpty {
      let message = rejection.reasons.joined(separator: "; ")
      throw GitError(
        code: message.contains("fast-forward") ? .nonFastForward : .other(-1),
        message: message, function: "git_remote_push", object: "remote '\(name)'",
        repository: path)
    }
  }

  /// Clones `url` into `path` and opens the result.
  ///
  /// - Parameter bare: create a bare clone (no work tree, no checkout).
  package static func clone(from url: String, to path: String, bare: Bool = false)
    throws(GitError) -> GitRepository
  {
    DeferredCertificates.load()
    var options = git_clone_options()
    _ = git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION))
    options.bare = bare ? 1 : 0
    var repo: OpaquePointer?
    let rc = git_clone(&repo, url, path, &options)
    if rc < 0 { throw makeGitError(rc, "git_clone", object: "clone of '\(url)'") }
    git_repository_free(repo)
    return try GitRepository(at: path)
  }

  private func lookupRemote(_ name: String) throws(GitError) -> OpaquePointer {
    var remote: OpaquePointer?
    try check(
      git_remote_lookup(&remote, pointer, name), "git_remote_lookup",
      object: "remote '\(name)'")
    guard let remote else { throw missing("git_remote_lookup", object: "remote '\(name)'") }
    return remote
  }
}

/// Calls `body` with a temporary `git_strarray` holding copies of `strings`.
func withStrarray<R>(_ strings: [String], _ body: (UnsafePointer<git_strarray>) -> R) -> R {
  let copies = strings.map { s -> UnsafeMutablePointer<CChar>? in
    let utf8 = Array(s.utf8CString)
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
    p.initialize(from: utf8, count: utf8.count)
    return p
  }
  defer { for p in copies { p?.deallocate() } }
  var mutable = copies
  return mutable.withUnsafeMutableBufferPointer { buffer in
    var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
    return body(&array)
  }
}
