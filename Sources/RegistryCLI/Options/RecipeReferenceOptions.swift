import ArgumentParser
import Registry

/// The options of commands that read a recipe by reference (`show`, `lint`): the registry a
/// NAME[@REV] or @SCOPE/NAME[@REV] is looked up in, and whether to read the blob the lock file
/// pins.
struct RecipeReferenceOptions: ParsableArguments {
  @OptionGroup var source: RecipeSourceOptions
  @OptionGroup var registry: RegistryOptions

  /// The options as plain values.
  struct Values: Equatable {
    var source = RecipeSourceOptions.Values()
    var registry = RegistryOptions.Values()

    /// Reads the recipe `argument` names: a FILE (with `files`), else NAME[@REV] or
    /// @SCOPE/NAME[@REV] of the registry.
    func resolve(_ argument: String, files: Bool) throws -> RecipeResolver.Resolved {
      try source.resolve(argument, files: files, registry: registry)
    }
  }

  var values: Values { Values(source: source.values, registry: registry.values) }

  /// Reads the recipe `argument` names: a FILE (with `files`), else NAME[@REV] or
  /// @SCOPE/NAME[@REV] of the registry.
  func resolve(_ argument: String, files: Bool) throws -> RecipeResolver.Resolved {
    try values.resolve(argument, files: files)
  }
}
