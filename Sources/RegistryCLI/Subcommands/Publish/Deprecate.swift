import ArgumentParser
import Registry

struct Deprecate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Mark a recipe deprecated, with a reason (nothing is deleted).",
    discussion: """
      Sets status: {state: deprecated, reason: R} in place and commits. Search hides it
      (--status deprecated shows it); locks and NAME@REV still resolve.

      Examples:
        registry deprecate old-recipe --reason "superseded by new-recipe (v0.5.8, cu130)"
      """)

  @Argument(help: "The recipe name.")
  var name: String
  @Option(help: "Why it is deprecated (shown by show and search).")
  var reason: String
  @Option(name: [.short, .long], help: "The commit message.")
  var message: String?
  @Option(help: "The author, \"Name <mail>\".")
  var author: String?
  @Option(help: "The branch to update.")
  var branch: String?
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reportingWriteErrors {
      let registry = try registryOptions.open()
      let report = try RecipePublisher(registry: registry).deprecate(
        name, reason: reason, message: message, author: try AuthorOption.signature(author), branch: branch)
      Terminal().out("deprecated \(name) in \(report.outcome.commit.abbreviated(12))")
    }
  }
}
