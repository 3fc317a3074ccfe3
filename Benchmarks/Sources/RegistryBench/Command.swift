import Foundation

/// One program invocation timed as a whole process: argv, extra environment, and where its
/// standard input comes from (stdout always goes to /dev/null, as with hyperfine).
struct Command: Sendable, Codable {
  /// How the command is printed.
  var label: String
  var arguments: [String]
  var environment: [String: String] = [:]
  /// A file to read as standard input (/dev/null when nil).
  var stdin: String?
  /// Exit statuses that count as success (`list --invalid` and `lint` exit 1 on findings).
  var expectedStatus: Set<Int32> = [0]

  init(
    _ label: String? = nil, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
    expectedStatus: Set<Int32> = [0]
  ) {
    self.label = label ?? Self.shortLabel(arguments)
    self.arguments = arguments
    self.environment = environment
    self.stdin = stdin
    self.expectedStatus = expectedStatus
  }

  /// The arguments with absolute paths shortened to their last component.
  static func shortLabel(_ arguments: [String]) -> String {
    arguments.map { $0.hasPrefix("/") ? URL(fileURLWithPath: $0).lastPathComponent : $0 }.joined(separator: " ")
  }

  /// A shell snippet run by `/bin/sh -c` (for references made of several git commands).
  static func shell(_ label: String, _ script: String, environment: [String: String] = [:]) -> Command {
    Command(label, ["/bin/sh", "-c", script], environment: environment)
  }
}
