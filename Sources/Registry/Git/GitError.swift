/// A failure reported by libgit2, with the operation and object it was about.
///
/// `description` reads like `rev 'main~99' not found in /srv/reg (git_revparse_single): …`.
public struct GitError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kind of failure (libgit2 error code).
  public let code: Code
  /// The libgit2 error class (`git_error_t`), 0 when libgit2 reported none.
  public let klass: Int32
  /// The libgit2 message, or an empty string when libgit2 reported none.
  public let message: String
  /// The C function that failed, e.g. `git_revparse_single`.
  public let function: String
  /// What the operation was about, e.g. `rev 'main~3'` or `path 'recipes/a.yaml'`.
  public let object: String?
  /// The repository the operation ran in, if any.
  public let repository: String?

  /// Creates an error value.
  public init(
    code: Code, klass: Int32 = 0, message: String, function: String,
    object: String? = nil, repository: String? = nil
  ) {
    self.code = code
    self.klass = klass
    self.message = message
    self.function = function
    self.object = object
    self.repository = repository
  }

  /// What failed, where, in which libgit2 function, and libgit2's message.
  public var description: String {
    var text = (object ?? "operation") + " " + code.phrase
    if let repository { text += " in " + repository }
    text += " (" + function + ")"
    if !message.isEmpty { text += ": " + message }
    return text
  }
}
