import ArgumentParser
import Registry

extension ParsableCommand {
  /// `reportingErrors` that also maps registry write, lock and git errors to their exit codes
  /// (4 for conflicts, 3 for not found).
  func reportingWriteErrors(_ body: () throws -> Void) throws {
    try reportingErrors {
      do {
        try body()
      } catch let e as PublishError {
        throw CLIError(e.description, exit: ExitCode(e.exitCode))
      } catch let e as LockError {
        throw CLIError(e.description, exit: ExitCode(e.exitCode))
      } catch let e as GitError {
        throw CLIError(RegistryError.git(e))
      }
    }
  }
}
