import ArgumentParser
import Registry

/// `--locked` / `--lock-file`: read a registry recipe at its rev, or exactly the blob the lock
/// file pins (show, plan, lint).
struct RecipeSourceOptions: ParsableArguments {
  @Flag(help: "Read exactly the blob the lock file pins (fails loudly when it is unreachable).")
  var locked = false
  @Option(help: ArgumentHelp("The lock file for --locked.", valueName: "FILE"))
  var lockFile = RegistryLock.fileName

  /// Where to read from.
  var source: RecipeSource { locked ? .locked(lockFile: lockFile) : .rev }

  /// Reads the recipe `argument` names (`RecipeResolver`): a FILE (with `files`), else
  /// NAME[@REV] or @SCOPE/NAME[@REV] of the registry `registryOptions` opens.
  func resolve(_ argument: String, files: Bool, registryOptions: RegistryOptions) throws
    -> RecipeResolver.Resolved
  {
    do {
      return try RecipeResolver(source: source, files: files).resolve(argument) {
        try registryOptions.open()
      }
    } catch let failure as RecipeResolver.Failure {
      switch failure {
      case .lockedFile: throw CLIError(failure.description, kind: .invalidRequest)
      case .unreadable: throw CLIError(failure.description)
      }
    }
  }
}
