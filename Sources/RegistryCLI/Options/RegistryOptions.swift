import ArgumentParser
import Registry

/// Which registry and which rev a command reads.
struct RegistryOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The registry repository (default: $RECIPE_REGISTRY, else the enclosing repository with registry.yaml, else the embedded registry).",
      valueName: "path"))
  var repo: String?

  /// The option as a plain value (default: the property wrapper's).
  struct Values: Equatable {
    var repo: String?

    /// Opens the registry, or fails with what to do.
    func open() throws -> RecipeRegistry {
      guard let (path, _) = RegistryLocator.locate(explicit: repo) else {
        throw CLIError(
          "no registry found: pass --repo PATH, set $RECIPE_REGISTRY, or run 'registry init'",
          kind: .notFound)
      }
      return try RecipeRegistry.open(at: path)
    }
  }

  var values: Values { Values(repo: repo) }

  /// Opens the registry, or fails with what to do.
  func open() throws -> RecipeRegistry { try values.open() }
}
