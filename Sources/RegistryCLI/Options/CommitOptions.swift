import ArgumentParser
import Registry

/// `-m/--message`, `--author`, `--branch`: how a command that writes the registry commits
/// (publish, pin, deprecate, migrate, upgrade --publish).
struct CommitOptions: ParsableArguments {
  @Option(name: [.short, .long], help: "The commit message (default: one naming the change).")
  var message: String?
  @Option(help: "The author, \"Name <mail>\" (default: git's user.name and user.email).")
  var author: String?
  @Option(help: "The branch to update (default: registry.yaml's branch, else HEAD's).")
  var branch: String?

  /// Whether any of them was given.
  var isSet: Bool { message != nil || author != nil || branch != nil }

  /// The author's signature, now.
  func signature() throws -> Signature { try AuthorOption.signature(author) }
}
