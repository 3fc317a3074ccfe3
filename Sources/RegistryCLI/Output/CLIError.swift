import ArgumentParser
import Registry

/// An error the CLI prints (as `error: ...` on stderr) before exiting with its code.
struct CLIError: Error, CustomStringConvertible {
  var message: String
  var exit: ExitCode

  init(_ message: String, exit: ExitCode = ExitStatus.invalid) {
    self.message = message
    self.exit = exit
  }

  init(_ error: RegistryError) {
    self.init(error.description, exit: ExitCode(error.exitCode))
  }

  var description: String { message }
}

extension ParsableCommand {
  /// Runs `body`, printing a `CLIError` or `RegistryError` as `error: ...` and exiting with
  /// its code.
  func reportingErrors(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let e as CLIError {
      Terminal().err("error: \(e.message)")
      throw e.exit
    } catch let e as RegistryError {
      Terminal().err("error: \(e.description)")
      throw ExitCode(e.exitCode)
    }
  }
}
