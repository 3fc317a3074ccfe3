import ArgumentParser
import Registry

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RegistryCommand {
  /// Parses the process's arguments, runs the command and exits with its status.
  static func main() {
    Glibc.exit(run(Array(CommandLine.arguments.dropFirst())))
  }

  /// Parses `arguments`, runs the command they name, and reports an error: the one place an
  /// error becomes an exit code. Commands just throw.
  ///
  /// The plain command lines of the most-run commands are read by ``QuickParse``; the rest by
  /// argument-parser, after global options before the command name are moved after it and a
  /// mistyped command name gets a did-you-mean (``CommandLineArguments``).
  /// - Returns: the exit status.
  static func run(_ arguments: [String]) -> Int32 {
    do {
      if let request = QuickParse.request(arguments) {
        try request.run()
      } else {
        var command = try parseAsRoot(try CommandLineArguments.normalized(arguments))
        try command.run()
      }
      return ExitStatus.ok.rawValue
    } catch {
      return report(error)
    }
  }

  /// Prints what `error` says on stderr and returns its exit status.
  ///
  /// A ``ClassifiedError`` (the libraries' errors and ``CLIError``) prints as `error: ...` and
  /// exits by its kind (`ExitStatus.code(for:)`); a libgit2 error as what happened and what to
  /// do (`GitError.explained`). Everything else is argument-parser's, printed
  /// as it prints it: usage errors (64) with the usage text, help and version (0, on stdout),
  /// an `ExitCode` thrown after a command printed its own findings (nothing printed), any
  /// other error as `Error: ...` (1).
  static func report(_ error: any Error) -> Int32 {
    let terminal = Terminal()
    if let failure = error as? any ClassifiedError {
      terminal.err("error: \((failure as? GitError)?.explained ?? failure.description)")
      return ExitStatus.code(for: failure.kind).rawValue
    }
    let code = exitCode(for: error)
    let text = fullMessage(for: error)
    if !text.isEmpty {
      if code.isSuccess { terminal.write(text + "\n") } else { terminal.writeError(text + "\n") }
    }
    return code.rawValue
  }
}
