import ArgumentParser

/// The process exit codes of DESIGN.md.
enum ExitStatus {
  static let ok = ExitCode(0)
  /// Invalid input or findings.
  static let invalid = ExitCode(1)
  static let notFound = ExitCode(3)
  static let conflict = ExitCode(4)
  /// Bad invocation (sysexits EX_USAGE), as argument-parser uses for validation errors.
  static let usage = ExitCode(64)
}
