import ArgumentParser
import Registry

struct Deprecate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deprecate",
    abstract: "Mark a recipe deprecated, with a reason (nothing is deleted).",
    discussion: """
      Sets status: {state: deprecated, reason: R} in place and commits. Search hides it \
      (--status deprecated shows it); locks and NAME@REV still resolve.

      Examples:
        registry deprecate old-recipe --reason "superseded by new-recipe (v0.5.8, cu130)"
      """)

  @Argument(help: "The recipe name.")
  var name: String
  @Option(help: "Why it is deprecated (shown by show and search).")
  var reason: String
  @OptionGroup var commitOptions: CommitOptions
  @OptionGroup var registryOptions: RegistryOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let registry = try registryOptions.open()
    let report = try RecipePublisher(registry: registry).deprecate(
      name, reason: reason, message: commitOptions.message, author: try commitOptions.signature(),
      branch: commitOptions.branch)
    Terminal().out("deprecated \(name) in \(report.outcome.commit.abbreviated(12))")
  }
}
