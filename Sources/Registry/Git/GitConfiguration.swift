internal import CGit2

/// Reads git's configuration through libgit2, as `git config --get KEY` does in a folder: the
/// configuration of the repository the folder is in (when it is in one) over the user's
/// (`~/.gitconfig`, XDG) and the system's.
public enum GitConfiguration {
  /// The value of `key` (e.g. `user.name`) seen from `directory`, or nil when no
  /// configuration file sets it (or none can be read).
  public static func string(_ key: String, from directory: String = ".") -> String? {
    Libgit2.ensureInitialized()
    var repo: OpaquePointer?
    var config: OpaquePointer?
    defer {
      git_config_free(config)
      git_repository_free(repo)
    }
    if git_repository_open_ext(&repo, directory, 0, nil) == 0 {
      guard git_repository_config(&config, repo) == 0 else { return nil }
    } else {
      guard git_config_open_default(&config) == 0 else { return nil }
    }
    var value = git_buf()
    defer { git_buf_dispose(&value) }
    guard git_config_get_string_buf(&value, config, key) == 0, let text = value.ptr else {
      return nil
    }
    return String(cString: text)
  }
}
