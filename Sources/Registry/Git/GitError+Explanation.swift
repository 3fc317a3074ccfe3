internal import CGit2

extension GitError {
  /// A libgit2 failure in words: what happened, and what to do about it.
  public struct Explanation: Sendable, Hashable {
    /// What happened, e.g. `/srv/reg is not a git repository (nor is any folder above it)`.
    public var what: String
    /// What to do, if there is something to say.
    public var hint: String?

    /// Creates an explanation.
    public init(what: String, hint: String?) {
      self.what = what
      self.hint = hint
    }
  }

  /// What happened and what to do, for the common classes of failure: not found (a missing
  /// repository included), locked, exists, changed concurrently, not a fast-forward, no
  /// permission or no space, corrupt data, network and authentication, invalid or ambiguous
  /// names; nil for others (``description`` says what libgit2 said).
  public var explanation: Explanation? {
    let subject = object ?? "the object"
    let place = repository.map { " in " + $0 } ?? ""
    if mentions(Self.fullDisk) {
      return Explanation(what: "no space left to write \(subject)\(place)", hint: writeHint)
    }
    if mentions(["Permission denied", "Operation not permitted", "Read-only file system"]) {
      let writes = ["write", "create", "init", "commit", "update", "push", "set", "delete", "lock"]
      let writing = writes.contains { function.contains($0) }
      return Explanation(
        what: "permission denied on \(subject)\(place)",
        hint: writing
          ? writeHint : "ask for read access to the repository, or work in a clone of it")
    }
    if isClass(GIT_ERROR_NET, GIT_ERROR_SSL, GIT_ERROR_SSH, GIT_ERROR_HTTP) || code == .other(-16)
      || code == .other(-17)
      || (Self.remoteFunctions.contains(function) && mentions(Self.connection))
    {
      return network(subject)
    }
    switch code {
    case .notFound:
      if function == "git_repository_open_ext" || isClass(GIT_ERROR_REPOSITORY) {
        return Explanation(
          what:
            "\(repository ?? quotedPath(of: subject) ?? subject) is not a git repository (nor is any folder above it)",
          hint:
            "pass --repo with the path of a registry, set $RECIPE_REGISTRY, or create one with 'registry init'"
        )
      }
      if isCorrupt { return corrupt(subject, place) }
      return Explanation(
        what: "\(subject) does not exist\(place)",
        hint: subject.hasPrefix("rev ")
          ? "check the branch, tag or commit ('git log --oneline', 'git branch -a' in the repository)"
          : "check the name, and that --repo names the registry you mean")
    case .locked:
      return Explanation(
        what: "\(subject) is locked\(place): another git process is writing it",
        hint: "wait for that process to finish; if none is running (one was killed), remove the "
          + ".lock file named below and try again")
    case .exists:
      return Explanation(
        what: "\(subject) already exists\(place)",
        hint: "choose another name, or remove the existing one first")
    case .modified:
      return Explanation(
        what: "\(subject) changed\(place) while it was being updated: someone else wrote to it",
        hint: "nothing was overwritten; run the command again to apply it on top of their change")
    case .nonFastForward:
      return Explanation(
        what: "\(subject) was refused: the remote has commits this repository does not have",
        hint: "run 'registry pull' and then push again")
    case .invalidSpec:
      return Explanation(
        what: "\(subject) is not a valid git name",
        hint:
          "branch, tag and remote names cannot contain spaces, '..', '~', '^', ':', '?', '*' or '['"
      )
    case .ambiguous:
      return Explanation(
        what: "\(subject) is ambiguous\(place): too short, or it matches more than one object",
        hint: "give more characters of the commit id (at least 4), or a branch or tag name")
    case .other(-13), .other(-24):
      return Explanation(
        what: "\(subject) conflicts with changes\(place)",
        hint: "commit or remove the local changes in the work tree, then try again")
    case .other:
      if isCorrupt || code == .other(-33) { return corrupt(subject, place) }
      return nil
    }
  }

  /// ``explanation`` followed by its hint and then libgit2's own report (``description``),
  /// or just ``description`` when there is no explanation.
  public var explained: String {
    guard let explanation else { return description }
    var text = explanation.what
    if let hint = explanation.hint { text += "\n  hint: " + hint }
    return text + "\n  libgit2: " + description
  }

  private static let fullDisk = [
    "No space left on device", "File too large", "Disk quota exceeded",
  ]
  private static let remoteFunctions = [
    "git_remote_fetch", "git_remote_push", "git_remote_connect", "git_clone",
  ]
  private static let connection = [
    "failed to connect", "Connection refused", "Connection reset", "timed out", "unreachable",
    "failed to resolve", "could not resolve", "Name or service not known",
  ]

  /// Damaged object or pack data (as opposed to a missing object).
  private var isCorrupt: Bool {
    let words = [
      "corrupt", "inflate", "zlib", "truncated", "failed to parse", "invalid object",
      "hash mismatch", "bad object",
    ]
    return isClass(GIT_ERROR_ZLIB)
      || (isClass(GIT_ERROR_ODB, GIT_ERROR_OBJECT, GIT_ERROR_INDEXER, GIT_ERROR_TREE, GIT_ERROR_SHA)
        && words.contains { message.lowercased().contains($0) })
  }

  private func corrupt(_ subject: String, _ place: String) -> Explanation {
    Explanation(
      what: "cannot read \(subject)\(place): the repository holds a corrupt object or pack",
      hint:
        "run 'git fsck' in the repository; if it reports damage, clone it again from a good copy")
  }

  private func network(_ subject: String) -> Explanation {
    if code == .other(-16) || mentions(["authentication", "credentials", "401", "403"]) {
      return Explanation(
        what: "the remote refused the credentials for \(subject)",
        hint: "check that you may read (or push to) it, and your SSH key or credential helper")
    }
    if code == .other(-17) || isClass(GIT_ERROR_SSL) {
      return Explanation(
        what: "the remote's certificate was not accepted for \(subject)",
        hint: "check the URL's host name and the system's CA certificates")
    }
    if mentions(["unsupported URL protocol", "unsupported scheme"]) {
      return Explanation(
        what: "libgit2 does not recognise the URL of \(subject)",
        hint: "check the URL: a local path must exist; https:// and ssh:// need a libgit2 built "
          + "with them (this one is listed by 'registry version')")
    }
    return Explanation(
      what: "could not reach the remote for \(subject)",
      hint: "check the URL ('registry remote list'), the network, and that the server is up")
  }

  private func isClass(_ classes: git_error_t...) -> Bool {
    classes.contains { klass == Int32($0.rawValue) }
  }

  private func mentions(_ words: [String]) -> Bool {
    words.contains { message.contains($0) }
  }

  /// `/x` of `repository '/x'`.
  private func quotedPath(of subject: String) -> String? {
    guard subject.hasPrefix("repository '"), subject.hasSuffix("'") else { return nil }
    return String(subject.dropFirst("repository '".count).dropLast())
  }
}
