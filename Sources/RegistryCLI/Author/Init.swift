import ArgumentParser
import Foundation
import Registry

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create a registry: a git repository with registry.yaml, in a first commit.",
    discussion: """
      Examples:
        registry init team-recipes
        registry init --bare /srv/git/recipes.git --root recipes
      """)

  @Argument(help: "Where to create it (default: the current folder).")
  var path: String = "."
  @Flag(help: "Create a bare repository (for a shared server).")
  var bare = false
  @Option(help: "The folder that holds recipes.")
  var root = "recipes"
  @Option(help: "The first branch.")
  var branch = "main"
  @Option(help: "The author of the first commit, \"Name <mail>\" (default: git's user.name and user.email).")
  var author: String?
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let signature = try AuthorOption.signature(author)
    let registry = try RecipeRegistry.initialize(
      at: path, bare: bare, config: RegistryConfig(root: root), branch: branch, author: signature)
    Terminal().err("created a \(bare ? "bare " : "")registry in \(registry.path) (recipes under \(root)/, branch \(branch))")
  }
}
