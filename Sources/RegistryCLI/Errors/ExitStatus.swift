import ArgumentParser
import Registry

/// The process exit codes of DESIGN.md.
enum ExitStatus {
  static let ok = ExitCode(0)
  /// Invalid input or findings.
  static let invalid = ExitCode(1)
  static let notFound = ExitCode(3)
  static let conflict = ExitCode(4)
  /// Bad invocation (sysexits EX_USAGE), as argument-parser uses for validation errors.
  static let usage = ExitCode(64)

  /// The exit code of a failure of `kind`: 3 not found, 4 conflict, 64 usage, 1 otherwise.
  static func code(for kind: FailureKind) -> ExitCode {
    switch kind {
    case .notFound: return notFound
    case .conflict: return conflict
    case .invalidRequest: return usage
    case .failed: return invalid
    }
  }
}
