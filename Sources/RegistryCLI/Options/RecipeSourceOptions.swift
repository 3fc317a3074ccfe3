import ArgumentParser
import Registry

/// `--locked` / `--lock-file`: read a registry recipe at its rev, or exactly the blob the lock
/// file pins (show, plan).
struct RecipeSourceOptions: ParsableArguments {
  @Flag(help: "Read exactly the blob the lock file pins (fails loudly when it is unreachable).")
  var locked = false
  @Option(help: ArgumentHelp("The lock file for --locked.", valueName: "FILE"))
  var lockFile = RegistryLock.fileName

  /// Where to read from.
  var source: RecipeSource { locked ? .locked(lockFile: lockFile) : .rev }
}
