import ArgumentParser
import Registry

/// `--locked` / `--lock-file`: read a registry recipe at its rev, or exactly the blob the lock
/// file pins (show, plan, lint).
struct RecipeSourceOptions: ParsableArguments {
  @Flag(help: "Read exactly the blob the lock file pins (fails loudly when it is unreachable).")
  var locked = false
  @Option(help: ArgumentHelp("The lock file for --locked.", valueName: "FILE"))
  var lockFile = RegistryLock.fileName

  /// The options as plain values (defaults are the property wrappers').
  struct Values: Equatable {
    var locked = false
    var lockFile = RegistryLock.fileName

    /// Where to read from.
    var source: RecipeSource { locked ? .locked(lockFile: lockFile) : .rev }

    /// Reads the recipe `argument` names (`RecipeResolver`): a FILE (with `files`), else
    /// NAME[@REV] or @SCOPE/NAME[@REV] of the registry `registry` opens.
    func resolve(_ argument: String, files: Bool, registry: RegistryOptions.Values) throws
      -> RecipeResolver.Resolved
    {
      do {
        return try RecipeResolver(source: source, files: files).resolve(argument) {
          try registry.open()
        }
      } catch let failure as RecipeResolver.Failure {
        switch failure {
        case .lockedFile: throw CLIError(failure.description, kind: .invalidRequest)
        case .unreadable: throw CLIError(failure.description)
        }
      }
    }
  }

  var values: Values { Values(locked: locked, lockFile: lockFile) }

  /// Where to read from.
  var source: RecipeSource { values.source }

  /// Reads the recipe `argument` names (`RecipeResolver`): a FILE (with `files`), else
  /// NAME[@REV] or @SCOPE/NAME[@REV] of the registry `registryOptions` opens.
  func resolve(_ argument: String, files: Bool, registryOptions: RegistryOptions) throws
    -> RecipeResolver.Resolved
  {
    try values.resolve(argument, files: files, registry: registryOptions.values)
  }
}
