/// How `publish` writes: message, author, branch, and which checks to relax.
public struct PublishOptions: Sendable {
  /// The commit subject (and body after a blank line); a default names the recipes.
  public var message: String?
  /// The author and committer of the commit.
  public var author: Signature
  /// Branch name or full reference; nil: registry.yaml's branch, else HEAD's branch.
  public var branch: String?
  /// Allow publishing over an existing recipe of the same name.
  public var replace = false
  /// Publish even when the file has errors.
  public var force = false
  /// Keep the source format instead of emitting canonical v2.
  public var keepFormat = false
  /// Publish files with unknown keys or unknown enum values (warnings that usually are typos:
  /// a v1 `prefil_nodes`). `registry publish` passes false unless `--allow-warnings`.
  public var allowWarnings = true

  /// Options with the given settings; no check is relaxed by default.
  public init(
    message: String? = nil, author: Signature, branch: String? = nil, replace: Bool = false,
    force: Bool = false, keepFormat: Bool = false, allowWarnings: Bool = true
  ) {
    self.allowWarnings = allowWarnings
    self.message = message
    self.author = author
    self.branch = branch
    self.replace = replace
    self.force = force
    self.keepFormat = keepFormat
  }
}
