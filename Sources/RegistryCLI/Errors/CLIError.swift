import Registry

/// An error of the command line itself (a bad value, a file it cannot read), printed as
/// `error: ...` on stderr; its kind decides the exit code (see `RegistryCommand.report`).
struct CLIError: ClassifiedError {
  var message: String
  var kind: FailureKind

  init(_ message: String, kind: FailureKind = .failed) {
    self.message = message
    self.kind = kind
  }

  var description: String { message }
}
