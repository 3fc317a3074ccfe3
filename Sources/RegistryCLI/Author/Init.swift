import ArgumentParser
import Foundation
import Registry

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create a registry: a git repository with registry.yaml, in a first commit.",
    discussion: """
      Examples:
        registry init team-recipes
        registry init --bare /srv/git/recipes.git --root recipes
      """)

  @Argument(help: "Where to create it (default: the current folder).")
  var path: String = "."
  @Flag(
    help:
      "Create a bare repository (for a shared server). Without it the branch is checked out, and registry writes to it update the checked-out files."
  )
  var bare = false
  @Option(help: "The folder that holds recipes.")
  var root = "recipes"
  @Option(help: "The first branch.")
  var branch = "main"
  @Option(
    help:
      "The author of the first commit, \"Name <mail>\" (default: git's user.name and user.email).")
  var author: String?
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let signature = try AuthorOption.signature(author)
    let registry = try RecipeRegistry.initialize(
      at: path, bare: bare, config: RegistryConfig(root: root), branch: branch, author: signature)
    let made =
      bare
      ? "created a bare registry (no work tree) in \(registry.path) (recipes under \(root)/, branch \(branch))"
      : "created a registry with a work tree in \(registry.path) (recipes under \(root)/, branch \(branch) checked out)\n"
        + "  publish, pin, deprecate, migrate and pull commit to \(branch) and update the checked-out files with it; "
        + "they refuse while those files have uncommitted changes"
    Terminal().err(made)
  }
}
